package ua.itdesk.bot.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.consultation.ChatMessages.Kind;
import ua.itdesk.bot.consultation.ChatMessages.NewMessage;
import ua.itdesk.bot.consultation.ChatMessages.Side;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.FakeAgent;
import ua.itdesk.bot.testing.FakeAgent.Answer;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.AttachmentReceipt;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.PublicComment;
import ua.itdesk.sandbox.telegram.TelegramFile;

/**
 * The synchronisation of chats to Jira (C4, C6, R3, R5) on the real PostgreSQL, with the scheduled job running as in
 * production and the agent scripted as a small Jira that honours idempotency keys like the real agent. Chats and
 * messages are inserted as the relay would; files come from the Telegram stand-in.
 */
@QuarkusTest
@WithTestResource(value = BotTestResources.class, initArgs = @ResourceArg(name = BotTestResources.AGENT,
        value = "fake"))
class ChatSyncTests {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String CONSULTATIONS = ApiPaths.CONSULTATIONS;
    private static final String HEADER = "Consultation via Telegram, Olena Kovalenko and Petro Shevchenko";
    private static final String TIME = "\\[\\d\\d:\\d\\d] ";

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    DataSource db;

    @Inject
    FieldCipher cipher;

    @Inject
    ChatMessages messages;

    @Inject
    ChatSync sync;

    @Inject
    MeterRegistry metrics;

    FakeAgent agent;
    Jira jira;

    /** What the scripted agent wrote to the requests, and how it is told to misbehave. */
    static final class Jira {
        /** One write that reached a request: a comment's body or a file's name. */
        record Write(String ticket, String key, String what, String contentType, byte[] content) {
        }

        final List<Write> writes = new CopyOnWriteArrayList<>();
        final Map<String, Object> byKey = new ConcurrentHashMap<>();
        /** The next this many writes answer 503 without writing. */
        final AtomicInteger unavailable = new AtomicInteger();
        /** The next this many writes are made, but their answer is lost (the connection drops). */
        final AtomicInteger loseAnswers = new AtomicInteger();
        final Set<String> refusedTypes = ConcurrentHashMap.newKeySet();

        Answer comment(FakeAgent.Call call, String ticket) throws IOException {
            return write(call, ticket, () -> {
                JsonNode body = FakeAgent.JSON.readTree(call.body());
                return new Write(ticket, call.header(ApiPaths.IDEMPOTENCY_KEY_HEADER), body.path("body").asText(),
                        null, null);
            }, w -> new PublicComment("c" + writes.size(), "agent", w.what(), Instant.now()));
        }

        Answer attach(FakeAgent.Call call, String ticket) throws IOException {
            if (refusedTypes.contains(call.header("Content-Type"))) {
                return Answer.problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "files of this type are not accepted");
            }
            return write(call, ticket, () -> new Write(ticket, call.header(ApiPaths.IDEMPOTENCY_KEY_HEADER),
                    URLDecoder.decode(call.header(ApiPaths.ATTACHMENT_NAME_HEADER), StandardCharsets.UTF_8),
                    call.header("Content-Type"), call.body()),
                    w -> new AttachmentReceipt(w.what(), w.content().length));
        }

        interface Parse {
            Write write() throws IOException;
        }

        interface Receipt {
            Object of(Write w);
        }

        private synchronized Answer write(FakeAgent.Call call, String ticket, Parse parse, Receipt receipt)
                throws IOException {
            if (unavailable.getAndDecrement() > 0) {
                return Answer.problem(ProblemType.DEPENDENCY_UNAVAILABLE, "Jira is down");
            }
            String key = call.header(ApiPaths.IDEMPOTENCY_KEY_HEADER);
            Object earlier = byKey.get(key);
            if (earlier != null) {
                return new Answer(201, earlier, Map.of());
            }
            Write w = parse.write();
            writes.add(w);
            byKey.put(key, receipt.of(w));
            if (loseAnswers.getAndDecrement() > 0) {
                throw new IOException("answer lost");
            }
            return new Answer(201, byKey.get(key), Map.of());
        }

        List<Write> of(String ticket) {
            return writes.stream().filter(w -> w.ticket().equals(ticket)).toList();
        }
    }

    @BeforeEach
    void scriptTheAgent() {
        agent = sandbox.agent();
        agent.reset();
        jira = new Jira();
        agent.on("POST", CONSULTATIONS + "/([A-Z]+-[0-9]+)/comments", (call, path) -> jira.comment(call,
                path.group(1)));
        agent.on("POST", CONSULTATIONS + "/([A-Z]+-[0-9]+)/attachments", (call, path) -> jira.attach(call,
                path.group(1)));
    }

    /** A fresh request key, so that tests never see each other's writes. */
    private static String ticket() {
        return "CHAT-" + ThreadLocalRandom.current().nextInt(1, 1_000_000_000);
    }

    private record Session(long id, String ticket, long employee, long specialist) {
    }

    /** An active chat as the accept leaves it, with both names sealed. */
    private Session chat() {
        String ticket = ticket();
        long employee = 7_800_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        long specialist = 7_900_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        long id = (Long) Rows.query(db, "INSERT INTO chat_sessions (ticket_key, employee_telegram_user_id, "
                + "specialist_telegram_user_id, status, started_at, last_message_at, employee_id, "
                + "specialist_employee_id) VALUES (?, ?, ?, 'ACTIVE', now(), now(), ?, ?) RETURNING id", ticket,
                employee, specialist, "E" + employee, "S" + specialist).get(0).get("id");
        Rows.update(db, "UPDATE chat_sessions SET employee_name_ciphertext = ?, specialist_name_ciphertext = ? "
                + "WHERE id = ?", cipher.encrypt("Olena Kovalenko", "chat_sessions.employee_name:" + id),
                cipher.encrypt("Petro Shevchenko", "chat_sessions.specialist_name:" + id), id);
        return new Session(id, ticket, employee, specialist);
    }

    private NewMessage text(Session s, Side side, String text) {
        long sender = side == Side.EMPLOYEE ? s.employee() : s.specialist();
        return new NewMessage(s.id(), sender, side, Kind.TEXT, text, null, null, null, null, 100L, null);
    }

    private NewMessage edit(Session s, Side side, String text, int ofSeq) {
        long sender = side == Side.EMPLOYEE ? s.employee() : s.specialist();
        return new NewMessage(s.id(), sender, side, Kind.TEXT, text, null, null, null, null, 101L, ofSeq);
    }

    /** A document the employee sent: uploaded to the Telegram stand-in, so the bot can download it by file id. */
    private NewMessage document(Session s, String name, String type, byte[] content, String caption) {
        long user = sandbox.newUser("Olena", "en");
        sandbox.telegram().sendDocument(user, name, type, content, caption);
        // the user's only message so far: the first of their chat with a file
        TelegramFile file = LongStream.rangeClosed(1, 20).mapToObj(id -> sandbox.telegram().fileOf(user, id))
                .flatMap(Optional::stream).findFirst().orElseThrow();
        return new NewMessage(s.id(), s.employee(), Side.EMPLOYEE, Kind.DOCUMENT, caption, file.fileId(), name,
                type, (long) content.length, 102L, null);
    }

    /** Appends the messages together, as one burst (one transaction, one instant). */
    private void burst(NewMessage... burst) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (NewMessage m : burst) {
                messages.append(m);
            }
        });
    }

    private List<Map<String, Object>> rows(Session s) {
        return Rows.query(db, "SELECT seq, sync_status, sync_key, sync_attempts, synced_at, last_error, "
                + "body_ciphertext, telegram_file_id, source_message_id FROM chat_messages "
                + "WHERE chat_session_id = ? ORDER BY seq", s.id());
    }

    private boolean settled(Session s) {
        List<Map<String, Object>> rows = rows(s);
        return !rows.isEmpty() && rows.stream().noneMatch(r -> "PENDING".equals(r.get("sync_status")));
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within " + WAIT).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private List<String> keysCalled(String ticket, String write) {
        return agent.calls("POST", CONSULTATIONS + "/" + ticket + "/" + write).stream()
                .map(c -> c.header(ApiPaths.IDEMPOTENCY_KEY_HEADER)).toList();
    }

    @Test
    void aBurstOfMessagesBecomesOneCommentInOrderWithTheNames() {
        Session s = chat();
        burst(text(s, Side.EMPLOYEE, "The printer on floor 3 jams"),
                text(s, Side.SPECIALIST, "Which model?"),
                text(s, Side.EMPLOYEE, "HP 4250"),
                edit(s, Side.EMPLOYEE, "The printer on floor 4 jams", 1),
                NewMessage.note(s.id(), "Consultation ended after 3 min."));
        double before = metrics.counter("bot.consultation.sync", "outcome", "written", "write", "comment").count();

        await(() -> settled(s));

        List<Jira.Write> writes = jira.of(s.ticket());
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).key()).isEqualTo("chat-" + s.id() + "-1-5");
        assertThat(writes.get(0).what()).matches(HEADER + "\n"
                + TIME + "Olena Kovalenko: The printer on floor 3 jams\n"
                + TIME + "Petro Shevchenko: Which model\\?\n"
                + TIME + "Olena Kovalenko: HP 4250\n"
                + TIME + "Olena Kovalenko \\(edited message 1\\): The printer on floor 4 jams\n"
                + "Consultation ended after 3 min\\.");
        assertThat(keysCalled(s.ticket(), "comments")).containsExactly("chat-" + s.id() + "-1-5");
        assertThat(rows(s)).allSatisfy(r -> {
            assertThat(r.get("sync_status")).isEqualTo("SYNCED");
            assertThat(r.get("sync_key")).isEqualTo("chat-" + s.id() + "-1-5");
            assertThat(r.get("synced_at")).isNotNull();
        });
        assertThat(metrics.counter("bot.consultation.sync", "outcome", "written", "write", "comment").count())
                .isGreaterThan(before);
        assertThat(metrics.find("bot.consultation.sync.backlog").gauge()).isNotNull();
    }

    @Test
    void aFileGoesAsAnAttachmentBetweenTheCommentsWithItsNameTypeAndCaption() {
        Session s = chat();
        byte[] pdf = "%PDF-1.4 the report".getBytes(StandardCharsets.US_ASCII);
        NewMessage document = document(s, "звіт.pdf", "application/pdf", pdf, "the report");
        burst(text(s, Side.EMPLOYEE, "Here is the report"), document, text(s, Side.SPECIALIST, "Thanks, got it"));

        await(() -> settled(s));

        List<Jira.Write> writes = jira.of(s.ticket());
        assertThat(writes).extracting(Jira.Write::key).containsExactly("chat-" + s.id() + "-1-1",
                "chat-" + s.id() + "-2", "chat-" + s.id() + "-2-3");
        assertThat(writes.get(0).what()).matches(HEADER + "\n" + TIME + "Olena Kovalenko: Here is the report");
        assertThat(writes.get(1).what()).isEqualTo("звіт.pdf");
        assertThat(writes.get(1).contentType()).isEqualTo("application/pdf");
        assertThat(writes.get(1).content()).isEqualTo(pdf);
        assertThat(writes.get(2).what()).matches(HEADER + "\n"
                + TIME + "Olena Kovalenko: \\[document: звіт.pdf] the report\n"
                + TIME + "Petro Shevchenko: Thanks, got it");
        assertThat(rows(s)).extracting(r -> r.get("sync_status")).containsOnly("SYNCED");
        assertThat(rows(s).get(1).get("telegram_file_id")).as("file id dropped once attached").isNull();
    }

    @Test
    void jiraDownForAWhileThenEverythingIsWrittenOnceInOrderUnderTheSameKeys() {
        jira.unavailable.set(2);
        Session s = chat();
        byte[] log = "line 1\nline 2\n".getBytes(StandardCharsets.US_ASCII);
        NewMessage document = document(s, "printer.log", "text/plain", log, null);
        burst(text(s, Side.EMPLOYEE, "It jams again"), document, text(s, Side.SPECIALIST, "Looking at the log"));

        await(() -> settled(s));

        String first = "chat-" + s.id() + "-1-1";
        assertThat(keysCalled(s.ticket(), "comments")).containsExactly(first, first, first,
                "chat-" + s.id() + "-2-3");
        assertThat(keysCalled(s.ticket(), "attachments")).containsExactly("chat-" + s.id() + "-2");
        assertThat(jira.of(s.ticket())).extracting(Jira.Write::key).containsExactly(first, "chat-" + s.id() + "-2",
                "chat-" + s.id() + "-2-3");
        assertThat(jira.of(s.ticket()).get(2).what()).contains("Olena Kovalenko: [document: printer.log]",
                "Petro Shevchenko: Looking at the log");
        assertThat(rows(s)).extracting(r -> r.get("sync_status")).containsOnly("SYNCED");
        assertThat(rows(s).get(0).get("sync_attempts")).as("both failures counted on the waiting group")
                .isEqualTo(2);
    }

    @Test
    void aLostAnswerIsRetriedUnderTheSameKeyAndWrittenOnce() {
        jira.loseAnswers.set(1);
        Session s = chat();
        burst(text(s, Side.EMPLOYEE, "Is anyone there?"), text(s, Side.SPECIALIST, "Yes, hello"));

        await(() -> settled(s));

        String key = "chat-" + s.id() + "-1-2";
        assertThat(keysCalled(s.ticket(), "comments")).containsExactly(key, key);
        assertThat(jira.of(s.ticket())).hasSize(1);
        assertThat(rows(s)).extracting(r -> r.get("sync_status")).containsOnly("SYNCED");
    }

    @Test
    void aRefusedFileIsGivenUpAuditedAndTheChatGoesOn() {
        jira.refusedTypes.add("application/x-msdownload");
        Session s = chat();
        NewMessage program = document(s, "fix.exe", "application/x-msdownload", new byte[] {0x4d, 0x5a}, "run this");
        burst(text(s, Side.SPECIALIST, "Try this tool"), program, text(s, Side.EMPLOYEE, "It was refused"));

        await(() -> settled(s));

        List<Map<String, Object>> rows = rows(s);
        assertThat(rows).extracting(r -> r.get("sync_status")).containsExactly("SYNCED", "FAILED", "SYNCED");
        assertThat(rows.get(1).get("last_error")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(keysCalled(s.ticket(), "attachments")).containsExactly("chat-" + s.id() + "-2");
        assertThat(jira.of(s.ticket())).extracting(Jira.Write::key).containsExactly("chat-" + s.id() + "-1-1",
                "chat-" + s.id() + "-3-3");
        assertThat(Rows.auditOf(db, s.employee())).anySatisfy(a -> {
            assertThat(a.get("event_type")).isEqualTo("CONSULTATION_SYNC_FAILED");
            assertThat(a.get("outcome")).isEqualTo("REFUSED");
            assertThat((String) a.get("details")).contains(s.ticket(), "chat-" + s.id() + "-2")
                    .doesNotContain("run this", "fix.exe");
        });
    }

    @Test
    void twoRunsAtOnceWriteEveryMessageOnce() throws Exception {
        List<Session> chats = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Session s = chat();
            burst(text(s, Side.EMPLOYEE, "question " + i), text(s, Side.SPECIALIST, "answer " + i));
            chats.add(s);
        }
        // ended: due at once for every run, so the two runs below and the scheduled one all compete for them
        for (Session s : chats) {
            Rows.update(db, "UPDATE chat_sessions SET status = 'ENDED', ended_at = now() WHERE id = ?", s.id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    sync.work();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        await(() -> chats.stream().allMatch(this::settled));
        for (Session s : chats) {
            assertThat(keysCalled(s.ticket(), "comments")).as("calls for chat %d", s.id())
                    .containsExactly("chat-" + s.id() + "-1-2");
        }
    }

    @Test
    void theEndOfAChatMakesItsWaitingMessagesDueAtOnce() {
        Session s = chat();
        burst(text(s, Side.EMPLOYEE, "Thanks, bye"));
        // as after failures that pushed the next attempt far out
        Rows.update(db, "UPDATE chat_messages SET next_attempt_at = now() + interval '1 hour' "
                + "WHERE chat_session_id = ?", s.id());
        Rows.update(db, "UPDATE chat_sessions SET status = 'ENDED', ended_at = now() WHERE id = ?", s.id());

        sync.syncSoon(s.id());

        await(() -> settled(s));
        assertThat(jira.of(s.ticket())).hasSize(1);
    }

    @Test
    void retentionEmptiesWrittenMessagesAndRemovesThoseOfLongEndedChats() {
        Session open = chat();
        burst(text(open, Side.EMPLOYEE, "old"), text(open, Side.SPECIALIST, "recent"),
                text(open, Side.EMPLOYEE, "not written yet"));
        Session ended = chat();
        burst(text(ended, Side.EMPLOYEE, "long ago"));
        // written eight days ago, past the default retention of seven; "recent" an hour ago
        Rows.update(db, "UPDATE chat_messages SET sync_status = 'SYNCED', synced_at = now() - interval '8 days' "
                + "WHERE (chat_session_id = ? AND seq = 1) OR chat_session_id = ?", open.id(), ended.id());
        Rows.update(db, "UPDATE chat_messages SET sync_status = 'SYNCED', synced_at = now() - interval '1 hour' "
                + "WHERE chat_session_id = ? AND seq = 2", open.id());
        Rows.update(db, "UPDATE chat_messages SET next_attempt_at = now() + interval '1 hour' "
                + "WHERE chat_session_id = ? AND seq = 3", open.id());
        Rows.update(db, "UPDATE chat_sessions SET status = 'ENDED', ended_at = now() - interval '8 days', "
                + "started_at = now() - interval '8 days' WHERE id = ?", ended.id());

        sync.purge();

        List<Map<String, Object>> kept = rows(open);
        assertThat(kept).extracting(r -> r.get("seq")).containsExactly(1, 2, 3);
        assertThat(kept.get(0).get("body_ciphertext")).as("written long ago: emptied").isNull();
        assertThat(kept.get(0).get("source_message_id")).as("the relay's mapping stays").isEqualTo(100L);
        assertThat(kept.get(1).get("body_ciphertext")).as("written recently").isNotNull();
        assertThat(kept.get(2).get("body_ciphertext")).as("not written yet").isNotNull();
        assertThat(rows(ended)).isEmpty();
    }
}
