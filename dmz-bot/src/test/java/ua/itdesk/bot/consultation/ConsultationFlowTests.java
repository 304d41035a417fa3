package ua.itdesk.bot.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.presence.AvailabilityToggle;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.testing.Await;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.FakeAgent;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Logins;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.contracts.v1.ConsultationBrief;
import ua.itdesk.contracts.v1.Presence;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * Consultations through the bot with the real Telegram stand-in and PostgreSQL, the agent scripted: the offer, the
 * chat, its end and rating, the queue and the timers, and the races that the database decides.
 */
@QuarkusTest
@TestProfile(ShortConsultationTimers.class)
class ConsultationFlowTests {

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    DataSource db;

    @Inject
    SessionStore sessions;

    @Inject
    AvailabilityToggle availability;

    @Inject
    Consultations consultations;

    /** The briefs the scripted agent answers, by request key. */
    private final Map<String, ConsultationBrief> briefs = new ConcurrentHashMap<>();

    @BeforeEach
    void aQuietQueueAndAScriptedAgent() {
        // every test starts with nobody online and nobody waiting (the application lives across the tests)
        Rows.update(db, "UPDATE specialist_availability SET online = FALSE");
        Rows.update(db, "UPDATE consultation_offers SET outcome = 'WITHDRAWN', answered_at = now()"
                + " WHERE outcome = 'PENDING'");
        Rows.update(db, "UPDATE chat_sessions SET status = 'ENDED', ended_at = now() WHERE status = 'ACTIVE'");
        Rows.update(db, "UPDATE consultation_requests SET status = 'CANCELLED', closed_at = now()"
                + " WHERE status NOT IN ('RATED', 'UNRATED', 'CANCELLED')");
        briefs.clear();
        sandbox.agent().reset();
        sandbox.agent().on("PUT", "/api/v1/presence", (call, path) -> FakeAgent.Answer.json(new Presence(List.of())));
        sandbox.agent().on("GET", "/api/v1/consultations/[A-Z]+-[0-9]+", (call, path) -> {
            ConsultationBrief brief = briefs.get(call.path().substring(call.path().lastIndexOf('/') + 1));
            return brief == null ? FakeAgent.Answer.problem(ua.itdesk.contracts.v1.ProblemType.NOT_FOUND, "no such")
                    : FakeAgent.Answer.json(brief);
        });
    }

    @Test
    void anAcceptedOfferOpensTheChatAndItsEndAsksForARatingThatIsStored() {
        long employee = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long first = online(Role.SPECIALIST);
        long second = online(Role.SPECIALIST);
        SentMessage offer = askAndAwaitOffer(employee, "ITD-101", Priority.HIGH, first, second);

        await(employee, m -> m.plainText().startsWith("🔎 Looking for a free specialist for ITD-101"));
        assertThat(offer.plainText()).contains("ITD-101 · High", "Printer on fire", "From: Olena Kovalenko, Finance");
        await(employee, m -> m.plainText().contains("A specialist is being asked"));

        press(first, offer, "✅ Accept");

        await(employee, m -> m.plainText().startsWith("👋 Olena Kovalenko joined your consultation about ITD-101"));
        await(first, m -> m.plainText().startsWith("👋 You are talking with Olena Kovalenko (Finance) about ITD-101"));
        awaitEdit(first, offer, m -> m.plainText().startsWith("✅ You accepted"));
        assertThat(Rows.query(db, "SELECT status FROM chat_sessions WHERE employee_telegram_user_id = ?", employee))
                .extracting(r -> r.get("status")).containsExactly("ACTIVE");

        sandbox.telegram().sendText(employee, "/end");

        await(first, m -> m.plainText().startsWith("The consultation about ITD-101 was ended by Olena Kovalenko"));
        SentMessage rating = await(employee, m -> m.plainText().startsWith("How helpful was the consultation"));
        press(employee, rating, "4⭐");
        awaitEdit(employee, rating, m -> m.plainText().startsWith("Thank you! You rated the consultation 4/5"));
        sandbox.telegram().sendText(employee, "Quick and kind");
        await(employee, m -> m.plainText().equals("Thank you, your comment was added to ITD-101."));

        assertThat(Rows.query(db, "SELECT status FROM consultation_requests WHERE employee_telegram_user_id = ?",
                employee)).extracting(r -> r.get("status")).containsExactly("RATED");
        List<Map<String, Object>> chat = Rows.query(db,
                "SELECT id, rating, status FROM chat_sessions WHERE employee_telegram_user_id = ?", employee);
        assertThat(chat).extracting(r -> r.get("rating") + "/" + r.get("status")).containsExactly("4/ENDED");
        assertThat(Rows.query(db, "SELECT kind, sender_side FROM chat_messages WHERE chat_session_id = ? ORDER BY seq",
                chat.get(0).get("id"))).extracting(r -> r.get("kind") + "/" + r.get("sender_side"))
                .containsExactly("NOTE/SYSTEM", "NOTE/SYSTEM", "NOTE/SYSTEM");
        assertThat(Rows.auditOf(db, employee)).extracting(r -> r.get("event_type"))
                .contains("CONSULTATION_REQUESTED", "CONSULTATION_ENDED", "CONSULTATION_RATED");
    }

    @Test
    void aDeclinePassesTheOfferToTheNextSpecialist() {
        long employee = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long first = online(Role.SPECIALIST);
        long second = online(Role.SUPERVISOR);
        SentMessage offer = askAndAwaitOffer(employee, "ITD-102", Priority.MEDIUM, first, second);
        press(first, offer, "Decline");

        awaitEdit(first, offer, m -> m.plainText().startsWith("You declined the consultation about ITD-102"));
        SentMessage next = await(second, m -> m.plainText().startsWith("📨 Consultation request"));
        assertThat(next.plainText()).contains("ITD-102");
        assertThat(Rows.query(db, "SELECT o.outcome FROM consultation_offers o JOIN consultation_requests r"
                + " ON r.id = o.consultation_id WHERE r.employee_telegram_user_id = ? ORDER BY o.id", employee))
                .extracting(r -> r.get("outcome")).containsExactly("DECLINED", "PENDING");
    }

    @Test
    void anUnansweredOfferPassesOnAfterTheTimeoutAndAnIdleChatIsEnded() {
        long employee = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long first = online(Role.SPECIALIST);
        long second = online(Role.SPECIALIST);
        SentMessage offer = askAndAwaitOffer(employee, "ITD-103", Priority.LOW, first, second);
        awaitEdit(first, offer,
                m -> m.plainText().startsWith("⌛ The offer of a consultation about ITD-103 expired"));
        SentMessage next = await(second, m -> m.plainText().startsWith("📨 Consultation request"));
        press(second, next, "✅ Accept");
        await(employee, m -> m.plainText().contains("joined your consultation about ITD-103"));

        // nobody writes: the idle timer (5 s here) ends the chat and tells both
        await(employee, m -> m.plainText().startsWith("The consultation about ITD-103 ended after"));
        await(second, m -> m.plainText().startsWith("The consultation about ITD-103 ended after"));
        assertThat(Rows.query(db, "SELECT end_reason FROM chat_sessions WHERE employee_telegram_user_id = ?",
                employee)).extracting(r -> r.get("end_reason")).containsExactly("IDLE");
    }

    @Test
    void theQueueTellsPositionsAndACriticalRequestOvertakesEarlierOnes() {
        long low = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long medium = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long critical = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        brief("ITD-201", low, Priority.LOW);
        brief("ITD-202", medium, Priority.MEDIUM);
        brief("ITD-203", critical, Priority.CRITICAL);

        contact(low, "ITD-201");
        await(low, m -> m.plainText().startsWith("⏳ You are number 1 in the queue")
                && m.plainText().contains("No specialist is online"));
        contact(medium, "ITD-202");
        // a medium request arriving just after a low one is served before it (due 20 min after arrival, not 30)
        await(medium, m -> m.plainText().startsWith("⏳ You are number 1 in the queue"));
        await(low, m -> m.plainText().startsWith("⏳ You are number 2 in the queue"));
        contact(critical, "ITD-203");

        await(critical, m -> m.plainText().startsWith("⏳ You are number 1 in the queue"));
        await(medium, m -> m.plainText().startsWith("⏳ You are number 2 in the queue"));
        await(low, m -> m.plainText().startsWith("⏳ You are number 3 in the queue"));

        long specialist = online(Role.SPECIALIST);
        briefs.replaceAll((key, b) -> withRanking(b, specialist));

        SentMessage offer = await(specialist, m -> m.plainText().startsWith("📨 Consultation request"));
        assertThat(offer.plainText()).contains("ITD-203");
        await(medium, m -> m.plainText().startsWith("⏳ You are number 1 in the queue")
                && m.plainText().contains("Estimated wait"));
        await(low, m -> m.plainText().startsWith("⏳ You are number 2 in the queue"));
    }

    @Test
    void leavingTheQueueCancelsTheConsultationAndWithdrawsItsOffer() {
        long employee = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long specialist = online(Role.SPECIALIST);
        SentMessage offer = askAndAwaitOffer(employee, "ITD-104", Priority.HIGH, specialist);
        SentMessage searching = await(employee, m -> m.plainText().startsWith("🔎 Looking for a free specialist"));
        press(employee, searching, "Leave the queue");

        await(employee, m -> m.plainText().startsWith("You left the queue for ITD-104"));
        awaitEdit(specialist, offer,
                m -> m.plainText().startsWith("The consultation about ITD-104 is no longer needed"));
        press(specialist, offer, "✅ Accept");
        assertThat(Rows.query(db, "SELECT count(*) AS n FROM chat_sessions WHERE employee_telegram_user_id = ?",
                employee).get(0).get("n")).isEqualTo(0L);
    }

    @Test
    void someoneElsesRequestIsRefusedAndAudited() {
        long employee = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long owner = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        brief("ITD-105", owner, Priority.HIGH);

        contact(employee, "ITD-105");

        await(employee, m -> m.plainText().equals("You can ask for a consultation only about your own requests."));
        assertThat(Rows.query(db, "SELECT count(*) AS n FROM consultation_requests"
                + " WHERE employee_telegram_user_id = ?", employee).get(0).get("n")).isEqualTo(0L);
        assertThat(Rows.auditOf(db, employee)).extracting(r -> r.get("event_type") + "/" + r.get("outcome"))
                .contains("CONSULTATION_REQUESTED/REFUSED");
    }

    @Test
    void aSpecialistWithAnOpenChatCannotGoOffline() {
        long employee = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long specialist = online(Role.SPECIALIST);
        press(specialist, askAndAwaitOffer(employee, "ITD-106", Priority.HIGH, specialist), "✅ Accept");
        await(employee, m -> m.plainText().contains("joined your consultation"));

        String answer = availability.toggle(specialist, Logins.employeeOf(specialist), Language.EN);

        assertThat(answer).contains("You have an open chat: end it first");
        assertThat(availability.isOnline(Logins.employeeOf(specialist))).isTrue();
    }

    @Test
    void twoAcceptsOfTheSameOfferAtOnceOpenExactlyOneChat() throws Exception {
        long employee = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long specialist = online(Role.SPECIALIST);
        askAndAwaitOffer(employee, "ITD-107", Priority.HIGH, specialist);
        long offerId = pendingOffer(employee);

        // two instances handling the same press (a retried webhook delivery) race in the database
        assertThat(racingAccepts(offerId, offerId, offerId, offerId)).isEqualTo(1);
        assertThat(Rows.query(db, "SELECT count(*) AS n FROM chat_sessions WHERE employee_telegram_user_id = ?",
                employee).get(0).get("n")).isEqualTo(1L);
        assertThat(Rows.query(db, "SELECT status FROM consultation_requests WHERE employee_telegram_user_id = ?",
                employee)).extracting(r -> r.get("status")).containsExactly("ACTIVE");
    }

    @Test
    void timersRunByTwoInstancesAtOnceExpireAnOfferAndEndAnIdleChatOnlyOnce() throws Exception {
        long waiting = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long chatting = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        long busy = online(Role.SPECIALIST);
        long silent = online(Role.SPECIALIST);
        press(busy, askAndAwaitOffer(chatting, "ITD-109", Priority.HIGH, busy), "✅ Accept");
        await(chatting, m -> m.plainText().contains("joined your consultation about ITD-109"));
        SentMessage offer = askAndAwaitOffer(waiting, "ITD-108", Priority.HIGH, silent);

        // besides the scheduler, three more runners play other instances' timers until both timers fired
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            long until = System.nanoTime() + Await.WAIT.toNanos();
            List<Future<?>> runners = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runners.add(pool.submit(() -> {
                    while (System.nanoTime() < until && (Rows.query(db, "SELECT 1 FROM chat_sessions"
                            + " WHERE employee_telegram_user_id = ? AND status = 'ACTIVE'", chatting).size() == 1
                            || Rows.query(db, "SELECT 1 FROM consultation_offers o JOIN consultation_requests r"
                            + " ON r.id = o.consultation_id WHERE r.employee_telegram_user_id = ?"
                            + " AND o.outcome = 'PENDING'", waiting).size() == 1)) {
                        consultations.tick();
                    }
                }));
            }
            for (Future<?> r : runners) {
                r.get();
            }
        } finally {
            pool.shutdownNow();
        }

        awaitEdit(silent, offer, m -> m.plainText().startsWith("⌛ The offer of a consultation about ITD-108 expired"));
        assertThat(Rows.query(db, "SELECT o.outcome FROM consultation_offers o JOIN consultation_requests r"
                + " ON r.id = o.consultation_id WHERE r.employee_telegram_user_id = ? AND o.specialist_employee_id = ?",
                waiting, Logins.employeeOf(silent))).extracting(r -> r.get("outcome")).containsExactly("TIMED_OUT");
        assertThat(Rows.auditOf(db, silent)).filteredOn(r -> "CONSULTATION_ANSWERED".equals(r.get("event_type")))
                .hasSize(1);
        for (long side : new long[] {chatting, busy}) {
            await(side, m -> m.plainText().startsWith("The consultation about ITD-109 ended after"));
            assertThat(sandbox.telegram().messagesTo(side)).filteredOn(m -> m.plainText().contains("ITD-109 ended"))
                    .hasSize(1);
        }
        assertThat(Rows.query(db, "SELECT count(*) AS n FROM chat_messages m JOIN chat_sessions s"
                + " ON s.id = m.chat_session_id WHERE s.employee_telegram_user_id = ? AND m.kind = 'NOTE'",
                chatting).get(0).get("n")).as("one closing note").isEqualTo(1L);
    }

    private long pendingOffer(long employee) {
        return ((Number) Rows.query(db, "SELECT o.id FROM consultation_offers o JOIN consultation_requests r"
                + " ON r.id = o.consultation_id WHERE r.employee_telegram_user_id = ? AND o.outcome = 'PENDING'",
                employee).get(0).get("id")).longValue();
    }

    /** Accepts the offers from as many threads at once; returns how many accepts won. */
    private int racingAccepts(long... offerIds) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(offerIds.length);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (long offerId : offerIds) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return consultations.tryAccept(offerId, "Racer");
                    } catch (RuntimeException refusedByTheDatabase) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get() ? 1 : 0;
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The employee asks about {@code key}, the agent ranking {@code ranked}; returns the first one's offer. */
    private SentMessage askAndAwaitOffer(long employee, String key, Priority priority, long... ranked) {
        brief(key, employee, priority, ranked);
        contact(employee, key);
        return await(ranked[0], m -> m.plainText().startsWith("📨 Consultation request") && m.plainText()
                .contains(key));
    }

    private long online(Role role) {
        long specialist = Logins.loggedIn(sandbox, sessions, role, "en");
        availability.toggle(specialist, Logins.employeeOf(specialist), Language.EN);
        return specialist;
    }

    private void brief(String key, long requester, Priority priority, long... ranked) {
        briefs.put(key, new ConsultationBrief(key, "Printer on fire", priority, "Open", true,
                Logins.employeeOf(requester), "Olena Kovalenko", "Finance",
                java.util.Arrays.stream(ranked).mapToObj(Logins::employeeOf).toList()));
    }

    private static ConsultationBrief withRanking(ConsultationBrief b, long... ranked) {
        return new ConsultationBrief(b.key(), b.summary(), b.priority(), b.status(), b.open(),
                b.requesterEmployeeId(), b.requesterName(), b.requesterDepartment(),
                java.util.Arrays.stream(ranked).mapToObj(Logins::employeeOf).toList());
    }

    /** Presses "Contact a specialist online" of a request (on any bot message, as a client can). */
    private void contact(long employee, String key) {
        List<SentMessage> seen = sandbox.telegram().messagesTo(employee);
        sandbox.telegram().pressButton(employee, seen.get(seen.size() - 1).messageId(),
                ConsultationButtons.contact(key));
    }

    private void press(long user, SentMessage message, String label) {
        sandbox.telegram().pressButton(user, message.messageId(), message.callbackDataOf(label).orElseThrow());
    }

    private SentMessage await(long user, Predicate<SentMessage> condition) {
        return sandbox.telegram().awaitMessage(user, condition, Await.WAIT);
    }

    /** Waits until the bot has changed {@code message} so that it meets {@code condition}. */
    private void awaitEdit(long user, SentMessage message, Predicate<SentMessage> condition) {
        await(user, m -> m.messageId() == message.messageId() && condition.test(m));
    }
}
