package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * R3, R5: each dependency down in turn during the flows that need it. The person gets a clear answer at once, the
 * health endpoints name what is down, and the work queued meanwhile completes once, by itself, when it returns.
 * Through the real bot and agent processes; the agent is killed as a crash would. The bot's own database away holds
 * every update at Telegram (the bot does not acknowledge what it could not record) until it returns.
 */
@ExtendWith(RunningSystem.class)
class OutagesIT {

    private static final String UNAVAILABLE = "тимчасово недоступний";
    private static final String NOT_TAKEN = "Бот тимчасово не може прийняти повідомлення";

    @Test
    void theDirectoryDownAtLoginGetsAClearAnswerTheAgentNamesItAndLoginWorksWhenItReturns(Sandbox sandbox)
            throws Exception {
        SeedPerson person = employee(0);
        sandbox.directory().setAvailable(false);
        try {
            assertThat(logInAnswer(sandbox, person).plainText()).contains(UNAVAILABLE);
            assertThat(health(sandbox.agentHealthUrl())).satisfies(h -> {
                assertThat(h.statusCode()).isEqualTo(503);
                assertThat(h.body()).containsPattern("\"name\"\\s*:\\s*\"ldap\"[^}]*\"status\"\\s*:\\s*\"DOWN\"");
            });
        } finally {
            sandbox.directory().setAvailable(true);
        }
        awaitReady(sandbox);
        assertThat(logInOnceItRecovers(sandbox, person).buttonTexts()).isNotEmpty();
        pushTheOutageOutOfTheCircuitBreakers(sandbox);
    }

    @Test
    void hrDownAtLoginGetsAClearAnswerTheAgentNamesItAndLoginWorksWhenItReturns(Sandbox sandbox) throws Exception {
        SeedPerson person = employee(1);
        sandbox.hr().setAvailable(false);
        try {
            assertThat(logInAnswer(sandbox, person).plainText()).contains(UNAVAILABLE);
            assertThat(health(sandbox.agentHealthUrl()).body())
                    .containsPattern("\"name\"\\s*:\\s*\"hr\"[^}]*\"status\"\\s*:\\s*\"DOWN\"");
        } finally {
            sandbox.hr().setAvailable(true);
        }
        awaitReady(sandbox);
        assertThat(logInOnceItRecovers(sandbox, person).buttonTexts()).isNotEmpty();
        pushTheOutageOutOfTheCircuitBreakers(sandbox);
    }

    @Test
    void theAgentKilledMidFlowLosesNoRequestAndNoJiraChange(Sandbox sandbox) throws Exception {
        JiraStandIn jira = sandbox.jira();
        // someone whose request the bot follows; Jira will change it while the agent is gone
        Conversation watcher = Conversation.of(sandbox.telegram(), employee(4));
        String watchedKey = RequestWizard.fileRequest(watcher, "Обладнання", "Низький",
                "Скрипить крісло " + UUID.randomUUID(), null, null);
        JiraRequest watched = jira.request(watchedKey).orElseThrow();
        // and someone in the middle of filing one
        Conversation filer = Conversation.of(sandbox.telegram(), employee(2));
        String summary = "Не відкривається спільний диск " + UUID.randomUUID();
        SentMessage confirm = RequestWizard.upToConfirmation(filer, "Доступи", "Середній", summary,
                "Диск S: пише «немає доступу».", null);

        sandbox.agent().kill();
        try {
            assertThat(filer.press(confirm, "Надіслати").plainText()).contains("збережено");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(health(sandbox.botHealthUrl()))
                    .satisfies(h -> {
                        assertThat(h.statusCode()).isEqualTo(503);
                        assertThat(h.body()).containsPattern(
                                "\"name\"\\s*:\\s*\"agent\"[^}]*\"status\"\\s*:\\s*\"DOWN\"");
                    }));
            jira.changeStatus(watched.key(), otherStatus(watched), SeedPeople.withRole("specialist").get(0).login());
        } finally {
            sandbox.startAgent();
        }

        String key = RequestWizard.key(RequestWizard.awaitCreated(filer));
        assertThat(jira.requests()).filteredOn(r -> r.summary().equals(summary)).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(key));
        // the webhook found no agent; the bot's reconciliation after the agent's restart (a reset) tells the change
        SentMessage told = watcher.next(m -> m.plainText().contains(watched.key())
                && m.plainText().contains(otherStatus(watched)));
        assertThat(watcher.all()).filteredOn(m -> m.plainText().contains(otherStatus(watched))
                && m.plainText().contains(watched.key())).containsExactly(told);
    }

    @Test
    void theBotDatabaseAwayHoldsPressesChatMessagesAndJiraChangesUntilItReturnsThenEachHappensOnce(Sandbox sandbox)
            throws Exception {
        JiraStandIn jira = sandbox.jira();
        Map<String, String> assignees = assignees(jira);
        // a chat under way, about a request that Jira will change while the database is away
        SeedPerson specialist = LiveChat.specialists().get(1);
        LiveChat.onlyOnline(sandbox, List.of(specialist));
        LiveChat.Asked asked = LiveChat.ask(sandbox, LiveChat.openRequest(jira, null));
        Conversation employee = asked.employee();
        Conversation s = LiveChat.awaitOffer(sandbox, asked.key(), specialist::equals).accept(employee);
        JiraRequest watched = jira.request(asked.key()).orElseThrow();
        // and someone at the confirmation of a new request
        Conversation filer = Conversation.of(sandbox.telegram(), employee(3));
        String summary = "Не друкує принтер на 3 поверсі " + UUID.randomUUID();
        SentMessage confirm = RequestWizard.upToConfirmation(filer, "Обладнання", "Середній", summary, null, null);
        String said = "Пишу, поки бази немає " + UUID.randomUUID();

        sandbox.database().setAvailable(false);
        try {
            filer.pressOnly(confirm, "Надіслати");
            filer.next(m -> m.plainText().contains(NOT_TAKEN));
            employee.postText(said, null);
            employee.next(m -> m.plainText().contains(NOT_TAKEN));
            assertThat(health(sandbox.botHealthUrl())).satisfies(h -> {
                assertThat(h.statusCode()).isEqualTo(503);
                assertThat(h.body()).containsPattern(
                        "\"name\"\\s*:\\s*\"Database connections health check\"[^}]*\"status\"\\s*:\\s*\"DOWN\"");
            });
            jira.changeStatus(watched.key(), otherStatus(watched), specialist.login());
            // the change reaches the bot, which cannot note it yet; the press and the message wait at Telegram
            Thread.sleep(5000);
            assertThat(s.all()).noneMatch(m -> m.plainText().contains(said));
        } finally {
            sandbox.database().setAvailable(true);
        }

        String key = RequestWizard.key(RequestWizard.awaitCreated(filer));
        assertThat(jira.requests()).filteredOn(r -> r.summary().equals(summary)).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(key));
        s.next(m -> m.plainText().contains(said));
        employee.next(m -> m.plainText().contains(watched.key()) && m.plainText().contains(otherStatus(watched)));
        s.postText("/end", null);
        LiveChat.rate(employee, LiveChat.SKIP);
        // each once: nothing was handled twice when Telegram delivered it again
        assertThat(s.all()).filteredOn(m -> m.plainText().contains(said)).hasSize(1);
        assertThat(employee.all()).filteredOn(m -> m.plainText().contains(watched.key())
                && m.plainText().contains(otherStatus(watched))).hasSize(1);
        assertThat(filer.all()).filteredOn(m -> m.plainText().contains(NOT_TAKEN)).hasSize(1);
        assertThat(filer.all()).filteredOn(m -> m.plainText().contains(key)).hasSize(1);
        putBackAssignees(jira, assignees, specialist);
    }

    private static Map<String, String> assignees(JiraStandIn jira) {
        return jira.requests().stream().collect(Collectors.toMap(JiraRequest::key,
                r -> Objects.requireNonNullElse(r.assignee(), "")));
    }

    /**
     * The specialists' workloads are what RequestsIT's assignment scenario reasons about: whatever was assigned
     * while the scenario had its specialist online (its new request, and requests that had waited for someone to
     * come online) goes back to how it was.
     */
    private static void putBackAssignees(JiraStandIn jira, Map<String, String> before, SeedPerson specialist) {
        assignees(jira).forEach((key, now) -> {
            String then = before.getOrDefault(key, "");
            if (!then.equals(now)) {
                jira.assign(key, then.isEmpty() ? null : then, specialist.login());
            }
        });
    }

    /** Whatever a scenario did, the next one finds every dependency back and both processes ready. */
    @AfterEach
    void everythingIsBack(Sandbox sandbox) {
        sandbox.database().setAvailable(true);
        sandbox.directory().setAvailable(true);
        sandbox.hr().setAvailable(true);
        awaitReady(sandbox);
        // ready is not enough: a circuit breaker may still be open for a few seconds; real logins are the proof, an
        // employee's and a specialist's (whose groups are looked up too)
        logInOnceItRecovers(sandbox, employee(5));
        logInOnceItRecovers(sandbox, SeedPeople.withRole("specialist").get(3));
    }

    private static void awaitReady(Sandbox sandbox) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                health(sandbox.agentHealthUrl()).statusCode() == 200
                        && health(sandbox.botHealthUrl()).statusCode() == 200);
    }

    /**
     * The agent's circuit breakers judge the last ten calls, so the failures of an outage can still open one a few
     * calls after the dependency returned (for its delay, 10 s): logins until ten in a row went through leave
     * nothing of the outage for the next scenario to trip over.
     */
    private static void pushTheOutageOutOfTheCircuitBreakers(Sandbox sandbox) {
        for (int i = 0; i < 10; i++) {
            logInOnceItRecovers(sandbox, employee(5));
        }
    }

    /**
     * Logs in as a person would who was told to try again later: the agent's circuit breaker keeps answering
     * "unavailable" for its delay (10 s) after the dependency returned, then lets calls through.
     */
    private static SentMessage logInOnceItRecovers(Sandbox sandbox, SeedPerson person) {
        SentMessage[] menu = new SentMessage[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            SentMessage answer = logInAnswer(sandbox, person);
            if (answer.plainText().contains(UNAVAILABLE)) {
                return false;
            }
            menu[0] = answer.hasInlineKeyboard() ? answer
                    : Conversation.of(sandbox.telegram(), person).next(SentMessage::hasInlineKeyboard);
            return true;
        });
        return menu[0];
    }

    /** Logs the person in while a dependency is down and returns the bot's answer to the shared contact. */
    private static SentMessage logInAnswer(Sandbox sandbox, SeedPerson person) {
        return Conversation.of(sandbox.telegram(), person).logIn(person);
    }

    /** A status the request is not in that a specialist can set, so that a change is certain. */
    private static String otherStatus(JiraRequest request) {
        return "In Progress".equals(request.status()) ? "Waiting for customer" : "In Progress";
    }

    /**
     * Employees counted from the lowest employee id, leaving out the two whose login history LoginIT checks exactly
     * (the scenarios here add refused logins to their people's audit trail).
     */
    private static SeedPerson employee(int n) {
        SeedPerson idle = SeedPeople.all().stream().filter(p -> p.canLogIn() && "employee".equals(p.role()))
                .skip(3).findFirst().orElseThrow();
        List<SeedPerson> employees = SeedPeople.withRole("employee").stream().filter(SeedPerson::canLogIn)
                .filter(p -> "uk".equals(p.languageCode())).filter(p -> !p.equals(SeedPeople.anActiveEmployee()))
                .filter(p -> !p.equals(idle)).sorted(Comparator.comparing(SeedPerson::employeeId)).toList();
        return employees.get(n);
    }

    private static HttpResponse<String> health(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
