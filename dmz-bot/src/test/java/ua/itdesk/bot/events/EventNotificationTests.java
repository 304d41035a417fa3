package ua.itdesk.bot.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.testing.Await;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.FakeAgent;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Logins;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.contracts.v1.ChangesQuery;
import ua.itdesk.contracts.v1.Presence;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.PublicComment;
import ua.itdesk.contracts.v1.RequestEvent;
import ua.itdesk.contracts.v1.RequestEventType;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * Events from the (scripted) agent's stream reach the right people in Telegram, once, whichever way they come; the
 * stream position is stored; a reset is reconciled. The bot runs for real against the Telegram stand-in and the
 * embedded PostgreSQL; the agent is a {@link FakeAgent} over mTLS.
 */
@QuarkusTest
@WithTestResource(value = BotTestResources.class,
        initArgs = @ResourceArg(name = BotTestResources.AGENT, value = "fake"))
class EventNotificationTests {

    private static final String EVENTS = "/api/v1/events";

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    DataSource db;

    @Inject
    SessionStore sessions;

    EventFeed feed;

    @BeforeEach
    void scriptTheAgent() {
        FakeAgent agent = sandbox.agent();
        agent.reset();
        feed = new EventFeed("c" + ThreadLocalRandom.current().nextInt(1_000_000));
        agent.on("GET", EVENTS, feed);
        agent.on("PUT", "/api/v1/presence", (call, path) ->
                FakeAgent.Answer.json(FakeAgent.JSON.readValue(call.body(), Presence.class)));
    }

    @Test
    void aStatusChangeReachesTheRequesterWithinTwoSecondsWithLinkAndDetailsButtons() {
        long user = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        String key = newKey();
        Rows.update(db, "INSERT INTO tickets_cache (owner_employee_id, ticket_key, relation, summary, status, "
                + "created_at, fetched_at) VALUES (?, ?, 'REPORTER', 'Printer jams', 'Open', now(), now())",
                Logins.employeeOf(user), key);
        awaitPollInFlight();

        long published = System.nanoTime();
        feed.publish(status(key, Logins.employeeOf(user), "In Progress", Instant.now()));

        SentMessage note = await(user, m -> m.plainText().contains(key));
        assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(2));
        assertThat(note.plainText()).startsWith("🔄 Request " + key + " “Printer jams” is now In Progress.")
                .contains("Reply to this message to add a comment.");
        assertThat(note.buttonTexts()).containsExactly("Open", "Details");
        assertThat(note.callbackDataOf("Details")).contains("rq|d|" + key);
        assertThat(note.replyMarkup().path("inline_keyboard").get(0).get(0).path("url").asText())
                .isEqualTo(link(key));
        assertThat(Rows.query(db, "SELECT status FROM tickets_cache WHERE ticket_key = ?", key).get(0).get("status"))
                .isEqualTo("In Progress");
    }

    @Test
    void aPublicCommentReachesTheRequesterEscapedAndTheirOwnIsNotEchoed() {
        long user = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "uk");
        String reporter = Logins.employeeOf(user);
        String key = newKey();

        feed.publish(comment(key, reporter, "101", "Іван <Support>", "Try <b>this</b> & that", "E-SPECIALIST"),
                comment(key, reporter, "102", "Olena Kovalenko", "my own words", reporter),
                comment(key, reporter, "103", "Іван <Support>", "second answer", "E-SPECIALIST"));

        SentMessage first = await(user, m -> m.plainText().contains("Try"));
        assertThat(first.plainText()).startsWith("💬 Новий коментар до заявки " + key + " «Printer jams» від "
                + "Іван <Support>:\n\nTry <b>this</b> & that");
        assertThat(first.text()).contains("Try &lt;b&gt;this&lt;/b&gt; &amp; that");
        await(user, m -> m.plainText().contains("second answer"));
        assertThat(sandbox.telegram().messagesTo(user)).noneMatch(m -> m.plainText().contains("my own words"));
    }

    @Test
    void anAssignmentReachesTheAssigneeWithKeyPrioritySummaryAndButtons() {
        long specialist = Logins.loggedIn(sandbox, sessions, Role.SPECIALIST, "en");
        String key = newKey();

        feed.publish(assigned(key, "E-REPORTER", Logins.employeeOf(specialist)));

        SentMessage note = await(specialist, m -> m.plainText().contains(key));
        assertThat(note.plainText()).startsWith("📌 Request " + key + " is assigned to you\nPriority: high\n"
                + "Printer jams");
        assertThat(note.buttonTexts()).containsExactly("Open", "Details");
    }

    @Test
    void everyLoggedInSupervisorHearsThatNoSpecialistIsAvailable() {
        long first = Logins.loggedIn(sandbox, sessions, Role.SUPERVISOR, "en");
        long second = Logins.loggedIn(sandbox, sessions, Role.SUPERVISOR, "uk");
        long loggedOut = Logins.loggedIn(sandbox, sessions, Role.SUPERVISOR, "en");
        sessions.moveTo(loggedOut, loggedOut, "ANONYMOUS", Language.EN, false);
        String key = newKey();

        feed.publish(event(key + ":unassigned", RequestEventType.NO_SPECIALIST_AVAILABLE, key, "E-REPORTER", null,
                "Open", null, null));

        assertThat(await(first, m -> m.plainText().contains(key)).plainText()).isEqualTo("⚠️ No specialist is "
                + "available for request " + key + " “Printer jams” (priority: high): it stays in the queue.");
        assertThat(await(second, m -> m.plainText().contains(key)).plainText()).startsWith("⚠️ Для заявки " + key);
        assertThat(sandbox.telegram().messagesTo(loggedOut)).noneMatch(m -> m.plainText().contains(key));
    }

    @Test
    void theSameEventsDeliveredTwiceNotifyOnce() {
        long user = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        String reporter = Logins.employeeOf(user);
        String key = newKey();
        Instant at = Instant.now();
        RequestEvent status = status(key, reporter, "In Progress", at);
        RequestEvent comment = comment(key, reporter, "201", "Support", "first reply", "E-SPECIALIST");

        feed.publish(status, comment);
        feed.publish(status, comment);
        feed.publish(status(key, reporter, "In Progress", at.plusSeconds(5)), comment(key, reporter, "202",
                "Support", "last reply", "E-SPECIALIST"));

        await(user, m -> m.plainText().contains("last reply"));
        assertThat(count(user, "is now In Progress")).isEqualTo(1);
        assertThat(count(user, "first reply")).isEqualTo(1);
    }

    @Test
    void aResetIsReconciledAndWhatWasMissedIsDeliveredOnceAndPresenceIsSentAgain() {
        long user = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        String reporter = Logins.employeeOf(user);
        String key = newKey();
        Instant opened = Instant.now().minusSeconds(60);
        RequestEvent seen = comment(key, reporter, "300", "Support", "looking into it", "E-SPECIALIST");
        feed.publish(status(key, reporter, "Open", opened), seen);
        await(user, m -> m.plainText().contains("looking into it"));
        // the agent's reconciliation answer: the current state, what the stream lost while the agent restarted,
        // and the comment the stream did deliver
        List<RequestEvent> missed = List.of(status(key, reporter, "Waiting for customer", opened.plusSeconds(30)),
                seen, comment(key, reporter, "301", "Support", "which floor?", "E-SPECIALIST"));
        sandbox.agent().on("POST", EVENTS + "/changes", (call, path) -> {
            return FakeAgent.Answer.json(query(call).keys().contains(key) ? missed : List.of());
        });

        feed.reset();
        await(user, m -> m.plainText().contains("which floor?"));
        Await.until(() -> !sandbox.agent().calls("PUT", "/api/v1/presence").isEmpty());
        feed.reset();
        Await.until(() -> sandbox.agent().calls("POST", EVENTS + "/changes").size() >= 2);
        feed.publish(comment(key, reporter, "302", "Support", "done now", "E-SPECIALIST"));
        await(user, m -> m.plainText().contains("done now"));

        assertThat(count(user, "is now Open")).isEqualTo(1);
        assertThat(count(user, "looking into it")).isEqualTo(1);
        assertThat(count(user, "is now Waiting for customer")).isEqualTo(1);
        assertThat(count(user, "which floor?")).isEqualTo(1);
        ChangesQuery asked = sandbox.agent().calls("POST", EVENTS + "/changes").stream()
                .map(EventNotificationTests::query).filter(q -> q.keys().contains(key)).findFirst().orElseThrow();
        assertThat(asked.since()).isBefore(opened);
    }

    @Test
    void reconciliationAsksForEveryOpenRequestInChunksTheContractAllows() {
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < ChangesQuery.MAX_KEYS + 50; i++) {
            String key = newKey();
            keys.add(key);
            Rows.update(db, "INSERT INTO tracked_requests (ticket_key, last_status, updated_at) "
                    + "VALUES (?, 'Open', now())", key);
        }
        Rows.update(db, "INSERT INTO tracked_requests (ticket_key, last_status, done, updated_at) "
                + "VALUES ('DONE-1', 'Resolved', TRUE, now()) ON CONFLICT DO NOTHING");
        sandbox.agent().on("POST", EVENTS + "/changes", (call, path) -> FakeAgent.Answer.json(List.of()));

        feed.reset();

        Await.until(() -> asked().containsAll(keys));
        assertThat(sandbox.agent().calls("POST", EVENTS + "/changes")).extracting(c -> query(c).keys().size())
                .allMatch(n -> n <= ChangesQuery.MAX_KEYS);
        assertThat(asked()).doesNotContain("DONE-1");
    }

    @Test
    void theCursorIsStoredAndAnInstanceTakingOverResumesFromIt() {
        long user = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        String key = newKey();
        String cursor = feed.publish(status(key, Logins.employeeOf(user), "In Progress", Instant.now()));
        await(user, m -> m.plainText().contains(key));
        Await.until(() -> cursor.equals(storedCursor()));

        // another instance stored its position and this one loses its database connection, as if it had died
        Rows.update(db, "UPDATE event_stream SET cursor = 'resumed-7' WHERE id = 1");
        List<Object> killed = Rows.query(db, "SELECT pg_terminate_backend(pid) AS killed FROM pg_locks "
                + "WHERE locktype = 'advisory' AND granted AND classid::bigint = ? AND objid::bigint = ?",
                Leadership.LOCK_KEY >>> 32, Leadership.LOCK_KEY & 0xFFFF_FFFFL).stream()
                .map(r -> r.get("killed")).toList();
        assertThat(killed).containsExactly(true);

        Await.until(() -> sandbox.agent().calls("GET", EVENTS).stream()
                .anyMatch(c -> "resumed-7".equals(EventFeed.param(c.query(), "cursor", null))));
        String next = feed.publish(status(key, Logins.employeeOf(user), "Resolved", Instant.now()));
        await(user, m -> m.plainText().contains("is now Resolved"));
        Await.until(() -> next.equals(storedCursor()));
    }

    @Test
    void aReplyToANotificationBecomesACommentWithTheRepliersOwnToken() {
        long user = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        String key = newKey();
        sandbox.agent().on("POST", "/api/v1/requests/([A-Z0-9_]+-[0-9]+)/comments", (call, path) ->
                FakeAgent.Answer.json(new PublicComment("900", "Olena Kovalenko", "x", Instant.now())));
        feed.publish(status(key, Logins.employeeOf(user), "In Progress", Instant.now()));
        SentMessage note = replyableNotification(user, key);

        sandbox.telegram().replyTo(user, note.messageId(), "Still jams on <page> 2");

        assertThat(await(user, m -> m.plainText().startsWith("✅")).plainText())
                .isEqualTo("✅ Your comment was added to request " + key + ".");
        List<FakeAgent.Call> calls = sandbox.agent().calls("POST", "/api/v1/requests/" + key + "/comments");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).header("Authorization")).isEqualTo("Bearer " + Logins.tokenOf(user));
        assertThat(calls.get(0).bodyText()).contains("Still jams on <page> 2");
    }

    @Test
    void aReplyWhileTheAgentIsDownIsKeptAndPostedWhenItIsBack() {
        long user = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        String key = newKey();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        sandbox.agent().on("POST", "/api/v1/requests/([A-Z0-9_]+-[0-9]+)/comments", (call, path) ->
                attempts.incrementAndGet() == 1
                        ? FakeAgent.Answer.problem(ua.itdesk.contracts.v1.ProblemType.DEPENDENCY_UNAVAILABLE, "down")
                        : FakeAgent.Answer.json(new PublicComment("901", "Olena Kovalenko", "x", Instant.now())));
        feed.publish(status(key, Logins.employeeOf(user), "In Progress", Instant.now()));
        SentMessage note = replyableNotification(user, key);

        sandbox.telegram().replyTo(user, note.messageId(), "please hurry");

        assertThat(await(user, m -> m.plainText().startsWith("The service is temporarily unavailable")).plainText())
                .contains("Your comment on request " + key + " is saved");
        await(user, m -> m.plainText().equals("✅ Your comment was added to request " + key + "."));
        List<FakeAgent.Call> calls = sandbox.agent().calls("POST", "/api/v1/requests/" + key + "/comments");
        assertThat(calls).extracting(FakeAgent.Call::bodyText).allMatch(b -> b.contains("please hurry"));
        assertThat(calls.get(calls.size() - 1).header("Authorization")).isEqualTo("Bearer " + Logins.tokenOf(user));
        assertThat(Rows.query(db, "SELECT 1 FROM pending_replies WHERE telegram_user_id = ?", user)).isEmpty();
    }

    @Test
    void aReplyAfterTheSessionEndedAsksToLogInAndPostsNothing() {
        long user = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        String key = newKey();
        feed.publish(status(key, Logins.employeeOf(user), "In Progress", Instant.now()));
        SentMessage note = replyableNotification(user, key);
        sessions.moveTo(user, user, "ANONYMOUS", Language.EN, false);

        sandbox.telegram().replyTo(user, note.messageId(), "hello?");

        assertThat(await(user, m -> m.plainText().contains("was not sent")).plainText())
                .startsWith("The comment on request " + key + " was not sent: your session has ended.");
        assertThat(sandbox.agent().calls("POST", "/api/v1/requests/.*")).isEmpty();
    }

    private static String newKey() {
        return "HELP-" + ThreadLocalRandom.current().nextInt(1, 1_000_000_000);
    }

    private static String link(String key) {
        return "https://desk.example.test/browse/" + key;
    }

    private static RequestEvent status(String key, String reporter, String status, Instant at) {
        return event(key + ":status:" + at.toEpochMilli(), RequestEventType.STATUS_CHANGED, key, reporter, null,
                status, null, at);
    }

    private static RequestEvent comment(String key, String reporter, String id, String author, String body,
            String authorEmployee) {
        Instant at = Instant.now();
        return new RequestEvent(key + ":comment:" + id, RequestEventType.COMMENT_ADDED, key, at, "Printer jams",
                Priority.HIGH, "In Progress", link(key), reporter, null, null,
                new PublicComment(id, author, body, at), authorEmployee);
    }

    private static RequestEvent assigned(String key, String reporter, String assignee) {
        return event(key + ":assignee:" + assignee, RequestEventType.ASSIGNED, key, reporter, assignee, "Open",
                "Specialist", Instant.now());
    }

    private static RequestEvent event(String id, RequestEventType type, String key, String reporter, String assignee,
            String status, String assigneeName, Instant at) {
        return new RequestEvent(id, type, key, at == null ? Instant.now() : at, "Printer jams", Priority.HIGH, status,
                link(key), reporter, assignee, assigneeName, null, null);
    }

    /** Waits until a long poll is being answered by this test's feed, so an event published now goes out at once. */
    private void awaitPollInFlight() {
        Await.until(() -> sandbox.agent().calls("GET", EVENTS).size() >= 2);
    }

    /** The notification about {@code key}, once the bot has remembered it for replies (just after sending it). */
    private SentMessage replyableNotification(long user, String key) {
        SentMessage note = await(user, m -> m.plainText().contains(key));
        Await.until(() -> !Rows.query(db, "SELECT 1 FROM notification_messages WHERE chat_id = ? "
                + "AND message_id = ? AND telegram_user_id = ? AND ticket_key = ?", user, note.messageId(), user, key)
                .isEmpty());
        return note;
    }

    private java.util.Set<String> asked() {
        return sandbox.agent().calls("POST", EVENTS + "/changes").stream().flatMap(c -> query(c).keys().stream())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static ChangesQuery query(FakeAgent.Call call) {
        try {
            return FakeAgent.JSON.readValue(call.body(), ChangesQuery.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String storedCursor() {
        return (String) Rows.query(db, "SELECT cursor FROM event_stream WHERE id = 1").get(0).get("cursor");
    }

    private long count(long user, String text) {
        return sandbox.telegram().messagesTo(user).stream().filter(m -> m.plainText().contains(text)).count();
    }

    private SentMessage await(long user, Predicate<SentMessage> condition) {
        return sandbox.telegram().awaitMessage(user, condition, Await.WAIT);
    }
}
