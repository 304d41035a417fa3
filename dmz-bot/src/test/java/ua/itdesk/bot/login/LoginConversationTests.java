package ua.itdesk.bot.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Logins;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * The login conversation through the Telegram stand-in (webhook mode), with the agent unreachable. Logged-in
 * sessions are created through {@link SessionStore} as a successful login would leave them.
 */
@QuarkusTest
@WithTestResource(BotTestResources.class)
class LoginConversationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    DataSource db;

    @Inject
    SessionStore sessions;

    @Test
    void startInUkrainianGreetsAndOffersTheContactButton() {
        long user = sandbox.newUser("Олена", "uk");

        sandbox.telegram().sendText(user, "/start");

        SentMessage greeting = await(user, SentMessage::requestsContact);
        assertThat(greeting.plainText()).startsWith("Вітаємо, Олена!");
        assertThat(greeting.buttonTexts()).containsExactly("Поділитися номером телефону");
        assertThat(greeting.parseMode()).isEqualTo("HTML");
        assertThat(Rows.stateOf(db, user)).isEqualTo("AWAITING_CONTACT");
    }

    @Test
    void startInEnglishGreetsInEnglish() {
        long user = sandbox.newUser("Olena", "en");

        sandbox.telegram().sendText(user, "/start");

        SentMessage greeting = await(user, SentMessage::requestsContact);
        assertThat(greeting.plainText()).startsWith("Hello, Olena!");
        assertThat(greeting.buttonTexts()).containsExactly("Share my phone number");
    }

    @Test
    void aNameWithMarkupIsShownAsTextNotInterpreted() {
        long user = sandbox.newUser("<b>Eve</b> & <i>co", "en");

        sandbox.telegram().sendText(user, "/start");

        SentMessage greeting = await(user, SentMessage::requestsContact);
        assertThat(greeting.text()).contains("&lt;b&gt;Eve&lt;/b&gt; &amp; &lt;i&gt;co");
        assertThat(greeting.plainText()).startsWith("Hello, <b>Eve</b> & <i>co!");
    }

    @Test
    void aForwardedContactIsRefusedAndAudited() {
        long user = sandbox.newUser("Mallory", "en");
        long someoneElse = user + 1_000_000;
        sandbox.telegram().sendText(user, "/start");
        await(user, SentMessage::requestsContact);

        sandbox.telegram().sendContact(user, "+380501112233", someoneElse, "Alice");

        SentMessage refusal = await(user, m -> m.plainText().contains("not accepted"));
        assertThat(refusal.requestsContact()).isTrue();
        List<Map<String, Object>> audit = Rows.auditOf(db, user);
        assertThat(audit).extracting(r -> r.get("event_type")).containsExactly("CONTACT_REJECTED");
        assertThat(audit.get(0).get("outcome")).isEqualTo("REFUSED");
        assertThat((String) audit.get(0).get("details")).contains("contact.user_id " + someoneElse)
                .doesNotContain("501112233");
        assertThat(Rows.query(db, "SELECT 1 FROM users_telegram WHERE telegram_user_id = ?", user)).isEmpty();
    }

    @Test
    void aTypedContactWithoutAnOwnerIsRefused() {
        long user = sandbox.newUser("Mallory", "uk");
        sandbox.telegram().sendText(user, "/start");
        await(user, SentMessage::requestsContact);

        sandbox.telegram().sendContact(user, "0501112233", null, "Somebody");

        await(user, m -> m.plainText().startsWith("Цей контакт не прийнято"));
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type")).containsExactly("CONTACT_REJECTED");
    }

    @Test
    void anUnreachableAgentGivesTemporarilyUnavailableAndAnAuditRow() {
        long user = sandbox.newUser("Olena", "en");
        sandbox.telegram().sendText(user, "/start");
        await(user, SentMessage::requestsContact);

        sandbox.telegram().sendContact(user, "380501112233", user, "Olena");

        SentMessage answer = await(user, m -> m.plainText().contains("temporarily unavailable"));
        assertThat(answer.plainText()).isEqualTo("The service is temporarily unavailable. Please try again later.");
        List<Map<String, Object>> audit = Rows.auditOf(db, user);
        assertThat(audit).extracting(r -> r.get("event_type") + "/" + r.get("outcome"))
                .containsExactly("LOGIN/UNAVAILABLE");
        assertThat(Rows.stateOf(db, user)).isEqualTo("AWAITING_CONTACT");
        assertThat(Rows.query(db, "SELECT 1 FROM users_telegram WHERE telegram_user_id = ?", user)).isEmpty();
    }

    @Test
    void theMenuBeforeLoginAsksToLogIn() {
        long user = sandbox.newUser("Olena", "en");

        sandbox.telegram().sendText(user, "/menu");

        SentMessage answer = await(user, SentMessage::requestsContact);
        assertThat(answer.plainText()).startsWith("Please log in first");
    }

    @Test
    void cancelWhileWaitingForTheContactLeavesTheLoginAndRemovesTheButton() {
        long user = sandbox.newUser("Olena", "en");
        sandbox.telegram().sendText(user, "/start");
        await(user, SentMessage::requestsContact);

        sandbox.telegram().sendText(user, "/cancel");

        SentMessage answer = await(user, m -> m.plainText().startsWith("Login cancelled"));
        assertThat(answer.replyMarkup().path("remove_keyboard").asBoolean()).isTrue();
        assertThat(sandbox.telegram().replyKeyboardOf(user)).isEmpty();
        assertThat(Rows.stateOf(db, user)).isEqualTo("ANONYMOUS");
    }

    @Test
    void unexpectedTextWhileWaitingForTheContactExplainsTheButton() {
        long user = sandbox.newUser("Olena", "en");
        sandbox.telegram().sendText(user, "/start");
        await(user, SentMessage::requestsContact);

        sandbox.telegram().sendText(user, "my number is 050 111 22 33");

        SentMessage answer = await(user, m -> m.plainText().startsWith("To log in, press"));
        assertThat(answer.requestsContact()).isTrue();
    }

    @Test
    void helpListsTheCommandsInAnyState() {
        long user = sandbox.newUser("Olena", "en");

        sandbox.telegram().sendText(user, "/help");

        SentMessage help = await(user, m -> m.plainText().startsWith("Help"));
        assertThat(help.plainText()).contains("/start", "/menu", "/cancel", "/logout", "/forget");
    }

    @Test
    void aLoggedInEmployeeGetsTheEmployeeMenu() {
        long user = loggedIn(Role.EMPLOYEE, "en");

        sandbox.telegram().sendText(user, "/menu");

        SentMessage menu = await(user, SentMessage::hasInlineKeyboard);
        assertThat(menu.buttonTexts()).containsExactly("New request", "My requests", "Help");
    }

    @Test
    void aSupervisorGetsStatisticsToo() {
        long user = loggedIn(Role.SUPERVISOR, "uk");

        sandbox.telegram().sendText(user, "/menu");

        SentMessage menu = await(user, SentMessage::hasInlineKeyboard);
        assertThat(menu.buttonTexts()).containsExactly("Призначені мені заявки", "Консультації онлайн",
                "🔴 Ви офлайн: стати онлайн", "Статистика", "Довідка");
    }

    @Test
    void theSupervisorsStatisticsItemOpensThePeriodPicker() {
        long user = loggedIn(Role.SUPERVISOR, "en");
        sandbox.telegram().sendText(user, "/menu");
        SentMessage menu = await(user, SentMessage::hasInlineKeyboard);

        sandbox.telegram().pressButton(user, menu.messageId(),
                menu.callbackDataOf("Statistics").orElseThrow());

        SentMessage answer = await(user, m -> m.plainText().startsWith("Statistics"));
        assertThat(answer.buttonTexts()).containsExactly("Today", "7 days", "30 days", "Custom period", "Cancel");
    }

    @Test
    void aButtonThatDoesNotBelongToTheSessionIsRefusedAndAudited() {
        long user = loggedIn(Role.EMPLOYEE, "en");
        sandbox.telegram().sendText(user, "/menu");
        SentMessage menu = await(user, SentMessage::hasInlineKeyboard);
        int menusBefore = countMenus(user);

        sandbox.telegram().pressButton(user, menu.messageId(), "m|st|0000000000000000");

        awaitCondition(() -> sandbox.telegram().callbackAnswers().stream()
                .anyMatch(a -> a.text() != null && a.text().startsWith("This menu is out of date")));
        // the toast is answered at once, the fresh menu leaves through the outbox
        awaitCondition(() -> countMenus(user) == menusBefore + 1);
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type") + "/" + r.get("outcome"))
                .contains("CALLBACK_REJECTED/REFUSED");
    }

    @Test
    void anIdleSessionExpiresAndTheNextActionAsksToLogInAgain() {
        long user = loggedIn(Role.EMPLOYEE, "en");
        Rows.update(db, "UPDATE user_sessions SET last_activity_at = now() - interval '31 minutes' "
                + "WHERE telegram_user_id = ?", user);

        sandbox.telegram().sendText(user, "/menu");

        SentMessage answer = await(user, m -> m.plainText().startsWith("Your session expired"));
        assertThat(answer.requestsContact()).isTrue();
        assertThat(Rows.stateOf(db, user)).isEqualTo("AWAITING_CONTACT");
        assertThat(Rows.query(db, "SELECT token_ciphertext, expires_at, callback_nonce FROM user_sessions "
                + "WHERE telegram_user_id = ?", user).get(0).values()).containsOnlyNulls();
        assertThat(Rows.query(db, "SELECT 1 FROM user_roles_cache WHERE telegram_user_id = ?", user)).isEmpty();
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type")).contains("SESSION_EXPIRED");
    }

    @Test
    void anExpiredRoleIsRecheckedWithTheAgentBeforeTheMenuIsShown() {
        long user = loggedIn(Role.SPECIALIST, "en");
        Rows.update(db, "UPDATE user_roles_cache SET expires_at = now() - interval '1 minute' "
                + "WHERE telegram_user_id = ?", user);

        sandbox.telegram().sendText(user, "/menu");

        await(user, m -> m.plainText().contains("temporarily unavailable"));
        assertThat(sandbox.telegram().messagesTo(user)).noneMatch(SentMessage::hasInlineKeyboard);
        assertThat(Rows.stateOf(db, user)).isEqualTo("AUTHENTICATED");
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type") + "/" + r.get("outcome"))
                .contains("SESSION_REFRESHED/UNAVAILABLE");
    }

    @Test
    void logoutEndsTheSessionAndForgetsTheToken() {
        long user = loggedIn(Role.EMPLOYEE, "en");

        sandbox.telegram().sendText(user, "/logout");

        await(user, m -> m.plainText().startsWith("You are logged out"));
        assertThat(Rows.stateOf(db, user)).isEqualTo("ANONYMOUS");
        assertThat(Rows.query(db, "SELECT token_ciphertext FROM user_sessions WHERE telegram_user_id = ?", user)
                .get(0).get("token_ciphertext")).isNull();
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type")).contains("LOGOUT");
    }

    @Test
    void forgetDeletesThePersonsDataButKeepsTheAuditTrail() {
        long user = loggedIn(Role.EMPLOYEE, "en");
        // a message Telegram refused for good leaves its chat id behind until the outbox's retention
        Rows.update(db, "INSERT INTO outgoing_messages (id, chat_id, status, last_error, failed_at)"
                + " VALUES (nextval('outgoing_messages_seq'), ?, 'FAILED', 'refused: 403', now())", user);

        sandbox.telegram().sendText(user, "/forget");
        SentMessage question = await(user, m -> m.plainText().startsWith("Delete what the bot keeps about you?"));
        assertThat(question.plainText()).contains("Your requests, comments and chat transcripts in Jira stay");
        assertThat(Rows.query(db, "SELECT 1 FROM users_telegram WHERE telegram_user_id = ?", user)).isNotEmpty();
        sandbox.telegram().pressButton(user, question.messageId(),
                question.callbackDataOf("Delete my data").orElseThrow());

        await(user, m -> m.plainText().startsWith("Your data has been deleted"));
        assertThat(Rows.query(db, "SELECT 1 FROM users_telegram WHERE telegram_user_id = ?", user)).isEmpty();
        assertThat(Rows.query(db, "SELECT 1 FROM user_sessions WHERE telegram_user_id = ?", user)).isEmpty();
        assertThat(Rows.query(db, "SELECT 1 FROM user_roles_cache WHERE telegram_user_id = ?", user)).isEmpty();
        assertThat(Rows.query(db, "SELECT 1 FROM outgoing_messages WHERE chat_id = ? AND status = 'FAILED'", user))
                .isEmpty();
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type")).contains("DATA_FORGOTTEN");
    }

    @Test
    void forgetKeepsEverythingWhenThePersonSaysKeepOrPressesAStaleQuestion() {
        long user = loggedIn(Role.EMPLOYEE, "en");
        sandbox.telegram().sendText(user, "/forget");
        SentMessage question = await(user, m -> m.plainText().startsWith("Delete what the bot keeps about you?"));

        sandbox.telegram().pressButton(user, question.messageId(), question.callbackDataOf("Keep it").orElseThrow());
        await(user, m -> m.plainText().equals("Nothing was deleted."));
        // a "Delete" made eleven minutes ago (a question left open, or forged data) deletes nothing either
        long stale = java.time.Instant.now().minus(java.time.Duration.ofMinutes(11)).getEpochSecond();
        sandbox.telegram().pressButton(user, question.messageId(), "fg|y|" + stale);

        await(user, m -> m.plainText().equals("Nothing was deleted.") && m.messageId() > question.messageId() + 1);
        assertThat(Rows.query(db, "SELECT 1 FROM users_telegram WHERE telegram_user_id = ?", user)).isNotEmpty();
        assertThat(Rows.stateOf(db, user)).isEqualTo("AUTHENTICATED");
    }

    @Test
    void personalDataAndTokensAreStoredOnlyEncrypted() {
        long user = loggedIn(Role.EMPLOYEE, "en");

        Map<String, Object> person = Rows.query(db, "SELECT phone_ciphertext, phone_hmac, full_name_ciphertext, "
                + "jira_account_ciphertext FROM users_telegram WHERE telegram_user_id = ?", user).get(0);
        byte[] token = (byte[]) Rows.query(db, "SELECT token_ciphertext FROM user_sessions WHERE telegram_user_id = ?",
                user).get(0).get("token_ciphertext");

        for (Object column : person.values()) {
            String raw = new String((byte[]) column, StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain(phoneOf(user).substring(4), "Kovalenko", "okovalenko");
        }
        assertThat((byte[]) person.get("phone_hmac")).hasSize(32);
        assertThat(new String(token, StandardCharsets.ISO_8859_1)).doesNotContain("header.payload");
        // the active key (id 2 in the test configuration) sealed them
        assertThat(((byte[]) person.get("phone_ciphertext"))[1]).isEqualTo((byte) 2);
        assertThat(token[1]).isEqualTo((byte) 2);
    }

    /** A session exactly as a successful login through the agent leaves it. */
    private long loggedIn(Role role, String language) {
        return Logins.loggedIn(sandbox, sessions, role, language);
    }

    private static String phoneOf(long user) {
        return Logins.phoneOf(user);
    }

    private int countMenus(long user) {
        return (int) sandbox.telegram().messagesTo(user).stream().filter(SentMessage::hasInlineKeyboard).count();
    }

    private SentMessage await(long user, java.util.function.Predicate<SentMessage> condition) {
        return sandbox.telegram().awaitMessage(user, condition, WAIT);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
