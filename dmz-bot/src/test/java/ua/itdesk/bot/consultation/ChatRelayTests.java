package ua.itdesk.bot.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Logins;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.sandbox.telegram.SentMessage;
import ua.itdesk.sandbox.telegram.TelegramFile;

/**
 * The relay of an open chat through the Telegram stand-in. The chat row is inserted as the accept would leave it
 * (names encrypted under their contexts); the agent is unreachable throughout, which the relay must not notice.
 */
@QuarkusTest
@WithTestResource(BotTestResources.class)
class ChatRelayTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EMPLOYEE_NAME = "Olena Kovalenko";
    private static final String SPECIALIST_NAME = "Petro <IT> & Co";

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    DataSource db;

    @Inject
    SessionStore sessions;

    @Inject
    FieldCipher cipher;

    @Inject
    ChatMessages messages;

    @Inject
    MeterRegistry metrics;

    long employee;
    long specialist;
    long chat;

    @BeforeEach
    void openAChat() {
        employee = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        specialist = Logins.loggedIn(sandbox, sessions, Role.SPECIALIST, "en");
        chat = openChat(employee, EMPLOYEE_NAME, specialist, SPECIALIST_NAME, 0);
    }

    @Test
    void textGoesBothWaysUnderTheSendersNameAndIsStoredInOrder() {
        double sentBefore = counted("text", "sent");
        int employeeBefore = count(employee);

        sandbox.telegram().sendText(employee, "The printer says <E42> & stops");
        SentMessage atSpecialist = next(specialist, m -> m.plainText().startsWith(EMPLOYEE_NAME));
        sandbox.telegram().sendText(specialist, "On my way");
        SentMessage atEmployee = next(employee, m -> m.plainText().startsWith("Petro"));

        assertThat(atSpecialist.plainText()).isEqualTo("Olena Kovalenko: The printer says <E42> & stops");
        assertThat(atSpecialist.text()).isEqualTo("<b>Olena Kovalenko</b>: The printer says &lt;E42&gt; &amp; stops");
        assertThat(atEmployee.plainText()).isEqualTo("Petro <IT> & Co: On my way");
        assertThat(atEmployee.text()).startsWith("<b>Petro &lt;IT&gt; &amp; Co</b>: ");
        // relayed, not answered: the sender hears nothing back (no "unexpected input", no menu)
        assertThat(count(employee)).isEqualTo(employeeBefore + 1);

        List<Map<String, Object>> rows = rows();
        assertThat(rows).extracting(r -> r.get("seq") + " " + r.get("sender_side") + " " + r.get("kind"))
                .containsExactly("1 EMPLOYEE TEXT", "2 SPECIALIST TEXT");
        assertThat(body(rows.get(0))).isEqualTo("The printer says <E42> & stops");
        assertThat(body(rows.get(1))).isEqualTo("On my way");
        assertThat(rows.get(0).get("relayed_message_id")).isEqualTo(atSpecialist.messageId());
        assertThat(rows.get(1).get("relayed_message_id")).isEqualTo(atEmployee.messageId());
        assertThat(userMessage(employee, (Long) rows.get(0).get("source_message_id")).path("text").asText())
                .isEqualTo("The printer says <E42> & stops");
        assertThat(userMessage(specialist, (Long) rows.get(1).get("source_message_id")).path("text").asText())
                .isEqualTo("On my way");
        assertThat(counted("text", "sent")).isEqualTo(sentBefore + 2);
        assertThat(metrics.timer("bot.consultation.relay").count()).isPositive();
    }

    @Test
    void aPhotoAndADocumentAreSentOnByTheirFileIdsWithTheCaption() {
        sandbox.telegram().sendPhoto(employee, jpeg(), "Error on <screen>");
        SentMessage photo = next(specialist, m -> m.plainText().startsWith(EMPLOYEE_NAME));
        sandbox.telegram().sendDocument(specialist, "steps.pdf", "application/pdf", "%PDF-1.4 steps".getBytes(
                StandardCharsets.US_ASCII), null);
        SentMessage document = next(employee, m -> m.plainText().startsWith("Petro"));

        assertThat(photo.plainText()).isEqualTo("Olena Kovalenko: Error on <screen>");
        assertThat(document.plainText()).isEqualTo("Petro <IT> & Co");
        List<Map<String, Object>> rows = rows();
        assertThat(rows).extracting(r -> r.get("seq") + " " + r.get("kind") + " " + r.get("mime_type"))
                .containsExactly("1 PHOTO image/jpeg", "2 DOCUMENT application/pdf");

        TelegramFile sentPhoto = sandbox.telegram().fileOf(employee, (Long) rows.get(0).get("source_message_id"))
                .orElseThrow();
        TelegramFile copiedPhoto = sandbox.telegram().fileOf(specialist, photo.messageId()).orElseThrow();
        assertThat(copiedPhoto.fileId()).isEqualTo(sentPhoto.fileId()).isEqualTo(rows.get(0).get("telegram_file_id"));
        assertThat(body(rows.get(0))).isEqualTo("Error on <screen>");
        assertThat(rows.get(0).get("file_size")).isEqualTo((long) sentPhoto.size());

        TelegramFile sentDocument = sandbox.telegram().fileOf(specialist,
                (Long) rows.get(1).get("source_message_id")).orElseThrow();
        TelegramFile copiedDocument = sandbox.telegram().fileOf(employee, document.messageId()).orElseThrow();
        assertThat(copiedDocument.fileId()).isEqualTo(sentDocument.fileId());
        assertThat(copiedDocument.fileName()).isEqualTo("steps.pdf");
        assertThat(body(rows.get(1))).isNull();
        assertThat(messages.fileName(chat, 2, (byte[]) rows.get(1).get("file_name_ciphertext")))
                .isEqualTo("steps.pdf");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("relayed_message_id")).isNotNull());
    }

    @Test
    void aReplyPointsAtTheMessageTheOtherSideSees() {
        sandbox.telegram().sendText(employee, "Printer is broken");
        SentMessage question = next(specialist, m -> m.plainText().endsWith("Printer is broken"));
        rows(); // a person needs longer to read than the relay to note the copy's id; the test does not
        sandbox.telegram().replyTo(specialist, question.messageId(), "Which floor?");
        SentMessage floor = next(employee, m -> m.plainText().endsWith("Which floor?"));
        rows();
        sandbox.telegram().replyTo(employee, floor.messageId(), "Third");
        SentMessage third = next(specialist, m -> m.plainText().endsWith("Third"));

        List<Map<String, Object>> rows = rows();
        // the specialist replied to the copy: the employee's copy quotes the employee's own message
        assertThat(botMessage(employee, floor.messageId()).path("replyTo").asLong())
                .isEqualTo(rows.get(0).get("source_message_id"));
        // the employee replied to the copy of the specialist's message: it quotes the specialist's own one
        assertThat(botMessage(specialist, third.messageId()).path("replyTo").asLong())
                .isEqualTo(rows.get(1).get("source_message_id"));
        assertThat(botMessage(specialist, question.messageId()).has("replyTo")).isFalse();
    }

    @Test
    void anEditOfARelayedMessageChangesTheCopyAndIsStoredAsAnEdit() {
        sandbox.telegram().sendText(employee, "Room 301");
        SentMessage copy = next(specialist, m -> m.plainText().endsWith("Room 301"));
        sandbox.telegram().sendPhoto(employee, jpeg(), "old caption");
        SentMessage photo = next(specialist, m -> m.plainText().endsWith("old caption"));
        List<Map<String, Object>> before = rows();
        long textId = (Long) before.get(0).get("source_message_id");
        long photoId = (Long) before.get(1).get("source_message_id");

        editText(employee, textId, "Room 310, sorry");
        SentMessage edited = next(specialist, m -> m.messageId() == copy.messageId() && m.editCount() == 1);
        editCaption(employee, photoId, "new caption", sandbox.telegram().fileOf(employee, photoId).orElseThrow());
        SentMessage recaptioned = next(specialist, m -> m.messageId() == photo.messageId() && m.editCount() == 1);

        assertThat(edited.plainText()).isEqualTo("Olena Kovalenko (edited): Room 310, sorry");
        assertThat(recaptioned.plainText()).isEqualTo("Olena Kovalenko (edited): new caption");
        List<Map<String, Object>> rows = rows();
        assertThat(rows).extracting(r -> r.get("seq") + " " + r.get("kind") + " edit of " + r.get("edit_of_seq"))
                .containsExactly("1 TEXT edit of null", "2 PHOTO edit of null", "3 TEXT edit of 1",
                        "4 TEXT edit of 2");
        assertThat(body(rows.get(2))).isEqualTo("Room 310, sorry");
        assertThat(body(rows.get(3))).isEqualTo("new caption");
        assertThat(counted("edit", "sent")).isPositive();
    }

    @Test
    void anEditOfAMessageThatWasNotRelayedChangesNothing() {
        int before = count(employee);
        sandbox.telegram().sendText(employee, "/help");
        after(employee, before, m -> m.plainText().startsWith("Help"));
        int help = count(employee);
        long helpMessage = userMessages(employee).get(userMessages(employee).size() - 1).path("messageId").asLong();

        editText(employee, helpMessage, "/help me");
        sandbox.telegram().sendText(employee, "still there?");
        next(specialist, m -> m.plainText().endsWith("still there?"));

        assertThat(count(employee)).isEqualTo(help).isEqualTo(before + 1);
        assertThat(rows()).extracting(r -> r.get("edit_of_seq")).containsExactly((Object) null);
    }

    @Test
    void aFileOfATypeJiraWouldRefuseIsNotRelayedAndTheSenderIsTold() {
        int atSpecialist = count(specialist);

        sandbox.telegram().sendDocument(employee, "tool.exe", "application/x-msdownload", new byte[] {'M', 'Z'},
                "run this");
        next(employee, m -> m.plainText().startsWith("Files of type application/x-msdownload are not passed on"));
        sandbox.telegram().sendText(employee, "never mind");
        next(specialist, m -> m.plainText().endsWith("never mind"));

        assertThat(count(specialist)).isEqualTo(atSpecialist + 1);
        assertThat(rows()).extracting(r -> r.get("kind")).containsExactly("TEXT");
        assertThat(counted("document", "refused")).isPositive();
    }

    @Test
    void withSeveralChatsAMessageGoesWhereItRepliesOrToWhoWroteLast() {
        long second = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long secondChat = openChat(second, "Iryna Bondar", specialist, SPECIALIST_NAME, 1);

        sandbox.telegram().sendText(employee, "first question");
        SentMessage fromFirst = next(specialist, m -> m.plainText().equals("Olena Kovalenko: first question"));
        rows();
        sandbox.telegram().sendText(second, "second question");
        next(specialist, m -> m.plainText().equals("Iryna Bondar: second question"));

        sandbox.telegram().sendText(specialist, "to whoever wrote last");
        next(second, m -> m.plainText().endsWith("to whoever wrote last"));
        sandbox.telegram().replyTo(specialist, fromFirst.messageId(), "to the first, by reply");
        next(employee, m -> m.plainText().endsWith("to the first, by reply"));

        assertThat(sandbox.telegram().messagesTo(employee)).extracting(SentMessage::plainText)
                .doesNotContain("Petro <IT> & Co: to whoever wrote last");
        assertThat(sandbox.telegram().messagesTo(second)).extracting(SentMessage::plainText)
                .doesNotContain("Petro <IT> & Co: to the first, by reply");
        assertThat(Rows.query(db, "SELECT chat_session_id, seq FROM chat_messages WHERE sender_side = 'SPECIALIST' "
                + "AND chat_session_id IN (?, ?) ORDER BY id", chat, secondChat))
                .extracting(r -> r.get("chat_session_id") + "/" + r.get("seq"))
                .containsExactly(secondChat + "/2", chat + "/2");
    }

    @Test
    void whenTheOtherSideCannotBeReachedTheSenderIsToldAndTheMessageIsKept() {
        sandbox.telegram().setBotBlocked(specialist, true);

        sandbox.telegram().sendText(employee, "are you there?");
        next(employee, m -> m.plainText().startsWith("Your message could not be delivered to Petro <IT> & Co"));

        List<Map<String, Object>> rows = Rows.query(db, "SELECT * FROM chat_messages WHERE chat_session_id = ?",
                chat);
        assertThat(rows).hasSize(1);
        assertThat(body(rows.get(0))).isEqualTo("are you there?");
        assertThat(rows.get(0).get("relayed_message_id")).isNull();
        assertThat(counted("text", "failed")).isPositive();
    }

    @Test
    void withoutAnActiveChatNothingIsRelayedAndAnEditIsDroppedQuietly() {
        long stranger = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        Rows.update(db, "UPDATE chat_sessions SET status = 'ENDED', ended_at = now() WHERE id = ?", chat);
        int atSpecialist = count(specialist);

        sandbox.telegram().sendText(employee, "after the end");
        next(employee, m -> m.plainText().startsWith("Main menu"));
        sandbox.telegram().sendText(stranger, "hello?");
        next(stranger, m -> m.plainText().startsWith("Main menu"));
        int atStranger = count(stranger);
        long hello = userMessages(stranger).get(userMessages(stranger).size() - 1).path("messageId").asLong();
        editText(stranger, hello, "hello, anyone?");
        sandbox.telegram().sendText(stranger, "/help");
        after(stranger, atStranger, m -> m.plainText().startsWith("Help"));

        assertThat(count(stranger)).isEqualTo(atStranger + 1);
        assertThat(count(specialist)).isEqualTo(atSpecialist);
        assertThat(rows()).isEmpty();
    }

    @Test
    void anEditOfSomeoneNotLoggedInIsDroppedQuietly() {
        long anonymous = sandbox.newUser("Taras", "en");
        sandbox.telegram().sendText(anonymous, "hello");
        after(anonymous, 0, m -> true);
        int answered = count(anonymous);
        long hello = userMessages(anonymous).get(0).path("messageId").asLong();

        editText(anonymous, hello, "hello there");
        sandbox.telegram().sendText(anonymous, "/help");
        after(anonymous, answered, m -> m.plainText().startsWith("Help"));

        assertThat(count(anonymous)).isEqualTo(answered + 1);
    }

    // ------------------------------------------------------------------ helpers

    /** An ACTIVE chat as the accept leaves it: ids, the request, the specialist's slot and both names. */
    private long openChat(long employeeId, String employeeName, long specialistId, String specialistName, int slot) {
        long id = (Long) Rows.query(db, "INSERT INTO chat_sessions (ticket_key, employee_telegram_user_id, "
                + "specialist_telegram_user_id, status, started_at, last_message_at, specialist_slot) "
                + "VALUES ('ITD-7', ?, ?, 'ACTIVE', now(), now(), ?) RETURNING id", employeeId, specialistId, slot)
                .get(0).get("id");
        Rows.update(db, "UPDATE chat_sessions SET employee_name_ciphertext = ?, specialist_name_ciphertext = ? "
                + "WHERE id = ?", cipher.encrypt(employeeName, "chat_sessions.employee_name:" + id),
                cipher.encrypt(specialistName, "chat_sessions.specialist_name:" + id), id);
        return id;
    }

    /**
     * The chat's rows, once each message has its copy's id recorded (that happens just after the copy was sent, so
     * the copy can arrive first).
     */
    private List<Map<String, Object>> rows() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Map<String, Object>> rows = Rows.query(db,
                    "SELECT * FROM chat_messages WHERE chat_session_id = ? ORDER BY seq", chat);
            boolean settled = rows.stream().allMatch(r -> r.get("edit_of_seq") != null
                    || r.get("relayed_message_id") != null);
            if (settled || System.nanoTime() > deadline) {
                return rows;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private String body(Map<String, Object> row) {
        return messages.body(chat, (Integer) row.get("seq"), (byte[]) row.get("body_ciphertext"));
    }

    private double counted(String kind, String outcome) {
        var counter = metrics.find("bot.consultation.relayed").tags("kind", kind, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The user edits their message as Telegram reports it: an {@code edited_message} update. */
    private void editText(long user, long messageId, String text) {
        sandbox.telegram().sendRawUpdate(editedMessage(user, messageId, "\"text\": " + quote(text)));
    }

    private void editCaption(long user, long messageId, String caption, TelegramFile photo) {
        sandbox.telegram().sendRawUpdate(editedMessage(user, messageId, "\"caption\": " + quote(caption)
                + ", \"photo\": [{\"file_id\": " + quote(photo.fileId()) + ", \"file_unique_id\": "
                + quote(photo.fileUniqueId()) + ", \"width\": 32, \"height\": 24, \"file_size\": " + photo.size()
                + "}]"));
    }

    private static String editedMessage(long user, long messageId, String content) {
        long now = System.currentTimeMillis() / 1000;
        return """
                {"edited_message": {"message_id": %d, "date": %d, "edit_date": %d,
                 "chat": {"id": %d, "type": "private", "first_name": "Olena"},
                 "from": {"id": %d, "is_bot": false, "first_name": "Olena", "language_code": "en"}, %s}}
                """.formatted(messageId, now - 5, now, user, user, content);
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both sides' messages of a chat, from the stand-in's control API (it shows reply targets). */
    private List<JsonNode> chatView(long chatId) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                    sandbox.telegram().baseUrl() + "/sandbox/api/chats/" + chatId)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> all = new java.util.ArrayList<>();
            JSON.readTree(response.body()).path("messages").forEach(all::add);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private List<JsonNode> userMessages(long chatId) {
        return chatView(chatId).stream().filter(m -> !m.path("fromBot").asBoolean()).toList();
    }

    private JsonNode userMessage(long chatId, long messageId) {
        return userMessages(chatId).stream().filter(m -> m.path("messageId").asLong() == messageId).findFirst()
                .orElseThrow(() -> new AssertionError("no message " + messageId + " of the user in " + chatId));
    }

    private JsonNode botMessage(long chatId, long messageId) {
        return chatView(chatId).stream()
                .filter(m -> m.path("fromBot").asBoolean() && m.path("messageId").asLong() == messageId).findFirst()
                .orElseThrow(() -> new AssertionError("no bot message " + messageId + " in " + chatId));
    }

    private SentMessage next(long user, Predicate<SentMessage> condition) {
        return sandbox.telegram().awaitMessage(user, condition, WAIT);
    }

    /** A bot message after the first {@code before} ones that satisfies the condition. */
    private SentMessage after(long user, int before, Predicate<SentMessage> condition) {
        long last = before == 0 ? 0 : sandbox.telegram().messagesTo(user).get(before - 1).messageId();
        return sandbox.telegram().awaitMessage(user, m -> m.messageId() > last && condition.test(m), WAIT);
    }

    private int count(long user) {
        return sandbox.telegram().messagesTo(user).size();
    }

    private static byte[] jpeg() {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
