package ua.itdesk.bot.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.login.LoginState;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.FakeAgent;
import ua.itdesk.bot.testing.FakeAgent.Answer;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.contracts.v1.AttachmentReceipt;
import ua.itdesk.contracts.v1.Category;
import ua.itdesk.contracts.v1.EmployeeProfile;
import ua.itdesk.contracts.v1.KnowledgeArticle;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.PublicComment;
import ua.itdesk.contracts.v1.RequestDetail;
import ua.itdesk.contracts.v1.RequestPage;
import ua.itdesk.contracts.v1.RequestSummary;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.contracts.v1.SessionToken;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * The wizard and the request views through the Telegram stand-in, against the scripted agent (mTLS). Logged-in
 * sessions are created through {@link SessionStore} as a successful login would leave them.
 */
@QuarkusTest
@WithTestResource(value = BotTestResources.class, initArgs = @ResourceArg(name = BotTestResources.AGENT,
        value = "fake"))
class RequestConversationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String REQUESTS = "/api/v1/requests";

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    DataSource db;

    @Inject
    SessionStore sessions;

    @Inject
    MeterRegistry metrics;

    FakeAgent agent;

    @BeforeEach
    void scriptTheAgent() {
        agent = sandbox.agent();
        agent.reset();
        agent.on("GET", REQUESTS + "/categories", (call, path) -> Answer.json(List.of(
                new Category("11", "Hardware", "Computers, printers", false), new Category("12", "Software", null,
                        false), new Category("13", "Access", "Accounts, permissions", true))));
        agent.on("GET", REQUESTS + "/knowledge", (call, path) -> Answer.json(List.of(new KnowledgeArticle(
                "Printer jams: what to try", "Open tray 2 & <remove> the paper.", "https://kb.example/1"))));
    }

    @Test
    void theWholeWizardWithAPhotoCreatesTheRequestOnceAndStreamsThePhoto() {
        long user = loggedIn(Role.EMPLOYEE);
        agent.on("POST", REQUESTS, (call, path) -> new Answer(201, new RequestSummary("HELP-101",
                "Printer on floor 3 jams", "Open", Priority.HIGH, Instant.now(), "https://portal.example/HELP-101"),
                Map.of()));
        agent.on("POST", REQUESTS + "/HELP-101/attachments", (call, path) -> new Answer(201,
                new AttachmentReceipt("photo_1.jpg", call.body().length), Map.of()));
        byte[] photo = jpeg();

        walkToAttachments(user, "Printer on floor 3\njams");
        int before = sandbox.count(user);
        sandbox.telegram().sendPhoto(user, photo, null);
        sandbox.next(user, before, WAIT, m -> m.plainText().startsWith("Added “photo_1.jpg” (1 of 5)"));
        sandbox.press(user, "Done");
        SentMessage articles = sandbox.next(user, before, WAIT, m -> m.plainText().contains("knowledge base articles"));
        assertThat(articles.plainText()).contains("Printer jams: what to try", "Open tray 2 & <remove> the paper.");
        assertThat(articles.buttonTexts()).containsExactly("This solved it", "Continue with the request", "Back",
                "Cancel");
        sandbox.press(user, "Continue with the request");
        SentMessage check = sandbox.next(user, before, WAIT,
                m -> m.plainText().startsWith("Please check your request"));
        assertThat(check.plainText()).contains("Category: Hardware", "Priority: High",
                "Summary: Printer on floor 3 jams", "Description: It jams <b>every</b> time", "Files: photo_1.jpg");
        sandbox.press(user, "Confirm");

        SentMessage created = sandbox.next(user, before, WAIT,
                m -> m.plainText().startsWith("Your request HELP-101 was created."));
        assertThat(created.text()).contains("href=\"https://portal.example/HELP-101\"");
        sandbox.next(user, before, WAIT, m -> m.plainText().equals("Files attached to HELP-101: 1."));
        awaitCondition(() -> Rows.query(db, "SELECT 1 FROM request_drafts WHERE telegram_user_id = ?", user)
                .isEmpty());

        List<FakeAgent.Call> creates = agent.calls("POST", REQUESTS);
        assertThat(creates).hasSize(1);
        FakeAgent.Call create = creates.get(0);
        assertThat(create.header("Idempotency-Key")).matches("[0-9a-f-]{36}");
        assertThat(create.header("Authorization")).isEqualTo("Bearer token-" + user);
        JsonNode body = json(create.bodyText());
        assertThat(body.path("categoryId").asText()).isEqualTo("11");
        assertThat(body.path("priority").asText()).isEqualTo("HIGH");
        assertThat(body.path("summary").asText()).isEqualTo("Printer on floor 3 jams");
        assertThat(body.path("description").asText()).isEqualTo("It jams <b>every</b> time");

        List<FakeAgent.Call> attachments = agent.calls("POST", REQUESTS + "/HELP-101/attachments");
        assertThat(attachments).hasSize(1);
        assertThat(attachments.get(0).body()).isEqualTo(photo);
        assertThat(attachments.get(0).header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(URLDecoder.decode(attachments.get(0).header("X-Attachment-Name"), StandardCharsets.UTF_8))
                .isEqualTo("photo_1.jpg");

        assertThat(Rows.query(db, "SELECT relation, summary, status, priority FROM tickets_cache "
                + "WHERE owner_employee_id = ? AND ticket_key = 'HELP-101'", "E" + user))
                .containsExactly(Map.of("relation", "REPORTER", "summary", "Printer on floor 3 jams",
                        "status", "Open", "priority", "HIGH"));
        assertThat(Rows.query(db, "SELECT 1 FROM request_drafts WHERE telegram_user_id = ?", user)).isEmpty();
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type") + "/" + r.get("outcome"))
                .contains("REQUEST_CREATED/SUCCESS");
    }

    @Test
    void thisSolvedItClosesTheWizardCountedAndWithoutARequest() {
        long user = loggedIn(Role.EMPLOYEE);
        double solvedBefore = metrics.counter("bot.requests.solved_by_article").count();
        walkToAttachments(user, "VPN does not connect");
        int before = sandbox.count(user);

        sandbox.press(user, "Done");
        sandbox.next(user, before, WAIT, m -> m.plainText().contains("knowledge base articles"));
        sandbox.press(user, "This solved it");

        sandbox.next(user, before, WAIT, m -> m.plainText().startsWith("Glad it helped! No request was created."));
        sandbox.next(user, before, WAIT, SentMessage::hasInlineKeyboard);
        assertThat(agent.calls("POST", REQUESTS)).isEmpty();
        assertThat(URLDecoder.decode(agent.calls("GET", REQUESTS + "/knowledge").get(0).query(),
                StandardCharsets.UTF_8)).isEqualTo("query=VPN does not connect");
        assertThat(metrics.counter("bot.requests.solved_by_article").count()).isEqualTo(solvedBefore + 1);
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type") + "/" + r.get("outcome"))
                .contains("REQUEST_SOLVED_BY_ARTICLE/SUCCESS");
        assertThat(Rows.query(db, "SELECT 1 FROM request_drafts WHERE telegram_user_id = ?", user)).isEmpty();
    }

    @Test
    void anUnavailableServiceDeskQueuesTheRequestAndItIsCreatedLaterExactlyOnce() {
        long user = loggedIn(Role.EMPLOYEE);
        agent.on("GET", REQUESTS + "/knowledge", (call, path) -> Answer.json(List.of()));
        AtomicInteger attempts = new AtomicInteger();
        agent.on("POST", REQUESTS, (call, path) -> attempts.incrementAndGet() == 1
                ? Answer.problem(ProblemType.DEPENDENCY_UNAVAILABLE, "Jira is down")
                : new Answer(201, new RequestSummary("HELP-202", "Mail is slow", "Open", Priority.HIGH,
                        Instant.now(), null), Map.of()));
        walkToAttachments(user, "Mail is slow");
        int before = sandbox.count(user);

        sandbox.press(user, "Done");
        sandbox.next(user, before, WAIT, m -> m.plainText().startsWith("Please check your request"));
        sandbox.press(user, "Confirm");

        sandbox.next(user, before, WAIT,
                m -> m.plainText().startsWith("The service desk cannot be reached right now."));
        assertThat(Rows.query(db, "SELECT phase, attempts FROM request_drafts WHERE telegram_user_id = ?", user))
                .containsExactly(Map.of("phase", "QUEUED", "attempts", 1));
        sandbox.next(user, before, WAIT, m -> m.plainText().startsWith("Your request HELP-202 was created."));

        List<FakeAgent.Call> creates = agent.calls("POST", REQUESTS);
        assertThat(creates).hasSize(2);
        assertThat(creates.get(1).header("Idempotency-Key")).isEqualTo(creates.get(0).header("Idempotency-Key"));
        assertThat(creates.get(1).bodyText()).isEqualTo(creates.get(0).bodyText());
        awaitCondition(() -> Rows.query(db, "SELECT 1 FROM request_drafts WHERE telegram_user_id = ?", user)
                .isEmpty());
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type") + "/" + r.get("outcome"))
                .containsSubsequence("REQUEST_QUEUED/UNAVAILABLE", "REQUEST_CREATED/SUCCESS");
        // nothing more is sent once done
        sleep(Duration.ofSeconds(3));
        assertThat(agent.calls("POST", REQUESTS)).hasSize(2);
    }

    @Test
    void aQueuedRequestWhoseSessionLostItsTokenWaitsForTheNextLogin() {
        long user = loggedIn(Role.EMPLOYEE);
        agent.on("GET", REQUESTS + "/knowledge", (call, path) -> Answer.json(List.of()));
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
        agent.on("POST", REQUESTS, (call, path) -> up.get()
                ? new Answer(201, new RequestSummary("HELP-303", "Badge broken", "Open", Priority.HIGH,
                        Instant.now(), null), Map.of())
                : Answer.problem(ProblemType.DEPENDENCY_UNAVAILABLE, "Jira is down"));
        walkToAttachments(user, "Badge broken");
        int before = sandbox.count(user);
        sandbox.press(user, "Done");
        sandbox.next(user, before, WAIT, m -> m.plainText().startsWith("Please check your request"));
        sandbox.press(user, "Confirm");
        sandbox.next(user, before, WAIT,
                m -> m.plainText().startsWith("The service desk cannot be reached right now."));

        // the session's token lapsed, as housekeeping leaves it
        Rows.update(db, "UPDATE user_sessions SET token_ciphertext = NULL, expires_at = NULL "
                + "WHERE telegram_user_id = ?", user);
        up.set(true);
        sleep(Duration.ofSeconds(1));
        int callsWithoutToken = agent.calls("POST", REQUESTS).size();
        sleep(Duration.ofSeconds(3));
        assertThat(agent.calls("POST", REQUESTS)).hasSize(callsWithoutToken);
        assertThat(Rows.query(db, "SELECT phase FROM request_drafts WHERE telegram_user_id = ?", user))
                .containsExactly(Map.of("phase", "QUEUED"));

        sessions.start(user, user, String.format("+38050%07d", user % 10_000_000), new SessionToken("again-" + user,
                Instant.now().plus(30, ChronoUnit.MINUTES), new EmployeeProfile("E" + user, "Olena Kovalenko",
                        "Accountant", "Finance", Role.EMPLOYEE, "okovalenko")), Language.EN,
                LoginState.AUTHENTICATED.name(), Instant.now().plus(10, ChronoUnit.MINUTES));

        sandbox.next(user, before, WAIT, m -> m.plainText().startsWith("Your request HELP-303 was created."));
        List<FakeAgent.Call> creates = agent.calls("POST", REQUESTS);
        FakeAgent.Call last = creates.get(creates.size() - 1);
        assertThat(last.header("Authorization")).isEqualTo("Bearer again-" + user);
        assertThat(creates).extracting(c -> c.header("Idempotency-Key")).containsOnly(last.header("Idempotency-Key"));
    }

    @Test
    void theDraftLivesInTheDatabaseEncryptedAndTheNextStepIsReadFromThere() {
        long user = loggedIn(Role.EMPLOYEE);
        walkToSummary(user);
        int before = sandbox.count(user);
        sandbox.telegram().sendText(user, "Monitor flickers");
        sandbox.next(user, before, WAIT, m -> m.plainText().contains("Add details"));

        Map<String, Object> draft = Rows.query(db, "SELECT id, phase, state, category_id, description_required, "
                + "priority, summary_ciphertext FROM request_drafts WHERE telegram_user_id = ?", user).get(0);
        assertThat(draft).containsEntry("phase", "EDITING").containsEntry("state", "ENTERING_DESCRIPTION")
                .containsEntry("category_id", "11").containsEntry("description_required", false)
                .containsEntry("priority", "HIGH");
        assertThat(new String((byte[]) draft.get("summary_ciphertext"), StandardCharsets.ISO_8859_1))
                .doesNotContain("Monitor");

        // as after a restart, only the stored state counts: put the draft back one step
        Rows.update(db, "UPDATE request_drafts SET state = 'ENTERING_SUMMARY' WHERE id = ?", draft.get("id"));
        int again = sandbox.count(user);
        sandbox.telegram().sendText(user, "Monitor flickers a lot");
        sandbox.next(user, again, WAIT, m -> m.plainText().contains("Add details"));
        assertThat(Rows.query(db, "SELECT state FROM request_drafts WHERE id = ?", draft.get("id")).get(0))
                .containsEntry("state", "ENTERING_DESCRIPTION");
    }

    @Test
    void aCategoryThatRequiresADescriptionOffersNoSkipAndSaysWhyItTakesNothingElse() {
        long user = loggedIn(Role.EMPLOYEE);
        agent.on("GET", REQUESTS + "/knowledge", (call, path) -> Answer.json(List.of()));
        agent.on("POST", REQUESTS, (call, path) -> new Answer(201, new RequestSummary("HELP-404", "Access to 1C",
                "Open", Priority.HIGH, Instant.now(), null), Map.of()));
        int before = sandbox.count(user);
        openMenuItem(user, "New request", m -> m.plainText().contains("Choose a category"));
        sandbox.press(user, "Access");
        sandbox.next(user, before, WAIT, m -> m.plainText().contains("Choose the priority"));
        sandbox.press(user, "High");
        sandbox.next(user, before, WAIT, m -> m.plainText().contains("Describe the problem in one line"));
        sandbox.telegram().sendText(user, "Access to 1C");

        SentMessage ask = sandbox.next(user, before, WAIT, m -> m.plainText().contains("Add details"));
        assertThat(ask.plainText()).contains("The category “Access” needs a description.");
        assertThat(ask.buttonTexts()).containsExactly("Back", "Cancel");
        assertThat(Rows.query(db, "SELECT state, description_required FROM request_drafts "
                + "WHERE telegram_user_id = ?", user)).containsExactly(Map.of("state", "ENTERING_DESCRIPTION",
                        "description_required", true));

        // a Skip button of an older message, then a message of spaces only
        String nonce = ask.callbackDataOf("Back").orElseThrow().split("\\|")[2];
        int skipped = sandbox.count(user);
        sandbox.telegram().pressButton(user, ask.messageId(), RequestButtons.wizard(WizardEvent.SKIP, nonce));
        SentMessage reminder = sandbox.next(user, skipped, WAIT,
                m -> m.plainText().startsWith("The category “Access” needs a "
                + "description; it cannot be skipped."));
        assertThat(reminder.buttonTexts()).containsExactly("Back", "Cancel");
        int blank = sandbox.count(user);
        sandbox.telegram().sendText(user, "   ");
        sandbox.next(user, blank, WAIT, m -> m.plainText().startsWith("The category “Access” needs a description"));
        assertThat(Rows.query(db, "SELECT state FROM request_drafts WHERE telegram_user_id = ?", user))
                .containsExactly(Map.of("state", "ENTERING_DESCRIPTION"));

        int described = sandbox.count(user);
        sandbox.telegram().sendText(user, "Read access to the accounting database");
        sandbox.next(user, described, WAIT, m -> m.plainText().contains("Send screenshots or files"));
        sandbox.press(user, "Done");
        sandbox.next(user, described, WAIT, m -> m.plainText().startsWith("Please check your request"));
        sandbox.press(user, "Confirm");

        sandbox.next(user, described, WAIT, m -> m.plainText().startsWith("Your request HELP-404 was created."));
        JsonNode body = json(agent.calls("POST", REQUESTS).get(0).bodyText());
        assertThat(body.path("categoryId").asText()).isEqualTo("13");
        assertThat(body.path("description").asText()).isEqualTo("Read access to the accounting database");
    }

    @Test
    void cancelAndUnexpectedInputAreAnsweredAtAnyStep() {
        long user = loggedIn(Role.EMPLOYEE);
        walkToSummary(user);
        int before = sandbox.count(user);

        sandbox.press(user, "Back");
        sandbox.next(user, before, WAIT, m -> m.plainText().contains("Choose the priority"));
        sandbox.telegram().sendText(user, "urgent!!");
        sandbox.next(user, before, WAIT, m -> m.plainText().startsWith("Please use the buttons below"));
        sandbox.telegram().sendText(user, "/cancel");

        sandbox.next(user, before, WAIT, m -> m.plainText().equals("The request was cancelled; nothing was sent."));
        assertThat(Rows.query(db, "SELECT 1 FROM request_drafts WHERE telegram_user_id = ?", user)).isEmpty();
    }

    @Test
    void aFileOfARefusedTypeIsRefusedClearlyAndNotKept() {
        long user = loggedIn(Role.EMPLOYEE);
        walkToAttachments(user, "Need a tool");
        int before = sandbox.count(user);

        sandbox.telegram().sendDocument(user, "setup.exe", "application/x-msdownload", new byte[] {77, 90}, null);

        SentMessage refusal = sandbox.next(user, before, WAIT, m -> m.plainText().startsWith("Files of this type"));
        assertThat(refusal.plainText()).contains("application/x-msdownload");
        assertThat(Rows.query(db, "SELECT 1 FROM request_draft_files f JOIN request_drafts d ON d.id = f.draft_id "
                + "WHERE d.telegram_user_id = ?", user)).isEmpty();
    }

    @Test
    void myRequestsComeFromTheAgentOnceAndFromTheCacheWhileFresh() {
        long user = loggedIn(Role.EMPLOYEE);
        agent.on("GET", REQUESTS + "/mine", (call, path) -> Answer.json(new RequestPage(List.of(
                new RequestSummary("HELP-12", "Laptop <b>battery</b>", "In progress", Priority.MEDIUM,
                        Instant.parse("2026-01-02T10:00:00Z"), null),
                new RequestSummary("HELP-11", "New mouse", "Resolved", Priority.LOW,
                        Instant.parse("2026-01-01T10:00:00Z"), null)), null)));

        SentMessage first = openMenuItem(user, "My requests", m -> m.plainText().startsWith("My requests (1–2 of 2)"));
        assertThat(first.plainText()).contains("HELP-12 · In progress · Medium\nLaptop <b>battery</b>");
        assertThat(first.callbackDataOf("HELP-12 · Laptop <b>battery</b>")).contains("rq|d|HELP-12");
        assertThat(agent.calls("GET", REQUESTS + "/mine")).hasSize(1);

        openMenuItem(user, "My requests", m -> m.plainText().startsWith("My requests (1–2 of 2)"));
        assertThat(agent.calls("GET", REQUESTS + "/mine")).hasSize(1);

        Rows.update(db, "UPDATE tickets_cache_lists SET refreshed_at = now() - interval '3 minutes' "
                + "WHERE owner_employee_id = ?", "E" + user);
        openMenuItem(user, "My requests", m -> m.plainText().startsWith("My requests (1–2 of 2)"));
        assertThat(agent.calls("GET", REQUESTS + "/mine")).hasSize(2);
    }

    @Test
    void theDetailViewIsLiveEscapedAndOffersAConsultationAndABackButton() {
        long user = loggedIn(Role.EMPLOYEE);
        agent.on("GET", REQUESTS + "/HELP-12", (call, path) -> Answer.json(new RequestDetail("HELP-12",
                "Laptop battery", "In progress", Priority.MEDIUM, Instant.parse("2026-01-02T10:00:00Z"),
                "https://portal.example/HELP-12", "Dies after <1 h>", "Olena Kovalenko", "Petro Specialist",
                List.of(new PublicComment("1", "Petro Specialist", "Ordered a new one & will call",
                        Instant.parse("2026-01-02T12:00:00Z"))))));
        SentMessage menu = menu(user);
        int before = sandbox.count(user);

        sandbox.telegram().pressButton(user, menu.messageId(), "rq|d|HELP-12");

        SentMessage detail = sandbox.next(user, before, WAIT, m -> m.plainText().startsWith("HELP-12 Laptop battery"));
        assertThat(detail.plainText()).contains("Status: In progress", "Priority: Medium",
                "Assignee: Petro Specialist", "Dies after <1 h>", "Petro Specialist, 2026-01-02 14:00:",
                "Ordered a new one & will call");
        assertThat(detail.text()).contains("&lt;1 h&gt;", "&amp; will call");
        assertThat(detail.buttonTexts()).containsExactly("💬 Contact a specialist online", "Back");
        assertThat(detail.callbackDataOf("Back").orElseThrow()).startsWith("rq|m|0|");
        assertThat(Rows.query(db, "SELECT 1 FROM tickets_cache WHERE owner_employee_id = ?", "E" + user)).isEmpty();
    }

    @Test
    void someoneElsesRequestIsNotFoundAndAudited() {
        long user = loggedIn(Role.EMPLOYEE);
        agent.on("GET", REQUESTS + "/HELP-999", (call, path) -> Answer.problem(ProblemType.NOT_FOUND, "Not found"));
        SentMessage menu = menu(user);
        int before = sandbox.count(user);

        sandbox.telegram().pressButton(user, menu.messageId(), "rq|d|HELP-999");

        sandbox.next(user, before, WAIT,
                m -> m.plainText().equals("Request HELP-999 was not found, or you have no access to it."));
        assertThat(agent.calls("GET", REQUESTS + "/HELP-999").get(0).header("Authorization"))
                .isEqualTo("Bearer token-" + user);
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type") + "/" + r.get("outcome"))
                .contains("REQUEST_NOT_FOUND/REFUSED");
    }

    @Test
    void anEmployeeHasNoAssignedList() {
        long user = loggedIn(Role.EMPLOYEE);
        SentMessage menu = menu(user);
        String nonce = menu.callbackDataOf("My requests").orElseThrow().split("\\|")[2];
        int before = sandbox.count(user);

        sandbox.telegram().pressButton(user, menu.messageId(), "rq|a|0|" + nonce);

        sandbox.next(user, before, WAIT, m -> m.plainText().equals("Only specialists have assigned requests."));
        assertThat(agent.calls("GET", REQUESTS + "/assigned")).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private void walkToSummary(long user) {
        int before = sandbox.count(user);
        openMenuItem(user, "New request", m -> m.plainText().contains("Choose a category"));
        SentMessage categories = last(user);
        assertThat(categories.buttonTexts()).containsExactly("Hardware", "Software", "Access", "Back", "Cancel");
        sandbox.press(user, "Hardware");
        sandbox.next(user, before, WAIT, m -> m.plainText().contains("Choose the priority"));
        sandbox.press(user, "High");
        sandbox.next(user, before, WAIT, m -> m.plainText().contains("Describe the problem in one line"));
    }

    private void walkToAttachments(long user, String summary) {
        walkToSummary(user);
        int before = sandbox.count(user);
        sandbox.telegram().sendText(user, summary);
        sandbox.next(user, before, WAIT, m -> m.plainText().contains("Add details"));
        // Hardware needs no description: pressing Skip proves it is offered
        if (summary.startsWith("Printer")) {
            sandbox.telegram().sendText(user, "It jams <b>every</b> time");
        } else {
            sandbox.press(user, "Skip");
        }
        sandbox.next(user, before, WAIT, m -> m.plainText().contains("Send screenshots or files"));
    }

    private SentMessage openMenuItem(long user, String item, Predicate<SentMessage> answer) {
        SentMessage menu = menu(user);
        int before = sandbox.count(user);
        sandbox.telegram().pressButton(user, menu.messageId(), menu.callbackDataOf(item).orElseThrow());
        return sandbox.next(user, before, WAIT, answer);
    }

    private SentMessage menu(long user) {
        int before = sandbox.count(user);
        sandbox.telegram().sendText(user, "/menu");
        return sandbox.next(user, before, WAIT, m -> m.plainText().startsWith("Main menu"));
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            sleep(Duration.ofMillis(20));
        }
    }


    private SentMessage last(long user) {
        List<SentMessage> messages = sandbox.telegram().messagesTo(user);
        return messages.get(messages.size() - 1);
    }

    /** A session exactly as a successful login through the agent leaves it. */
    private long loggedIn(Role role) {
        long user = sandbox.newUser("Olena", "en");
        SessionToken token = new SessionToken("token-" + user, Instant.now().plus(30, ChronoUnit.MINUTES),
                new EmployeeProfile("E" + user, "Olena Kovalenko", "Accountant", "Finance", role, "okovalenko"));
        sessions.start(user, user, String.format("+38050%07d", user % 10_000_000), token, Language.EN,
                LoginState.AUTHENTICATED.name(), Instant.now().plus(10, ChronoUnit.MINUTES));
        return user;
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

    private static JsonNode json(String text) {
        try {
            return FakeAgent.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
