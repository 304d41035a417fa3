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
import java.util.UUID;
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
 * Through the real bot and agent processes; the agent is killed as a crash would.
 */
@ExtendWith(RunningSystem.class)
class OutagesIT {

    private static final String UNAVAILABLE = "тимчасово недоступний";

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
        await().atMost(Duration.ofSeconds(30)).until(() -> health(sandbox.agentHealthUrl()).statusCode() == 200);
        assertThat(Conversation.of(sandbox.telegram(), person).logInToMenu(person).buttonTexts()).isNotEmpty();
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
        assertThat(Conversation.of(sandbox.telegram(), person).logInToMenu(person).buttonTexts()).isNotEmpty();
    }

    @Test
    void theAgentKilledMidFlowLosesNoRequestAndNoJiraChange(Sandbox sandbox) throws Exception {
        JiraStandIn jira = sandbox.jira();
        SeedPerson filer = employee(2);
        Conversation c = Conversation.of(sandbox.telegram(), filer);
        String summary = "Не відкривається спільний диск " + UUID.randomUUID();
        SentMessage confirm = RequestWizard.upToConfirmation(c, "Доступи", "Середній", summary,
                "Диск S: пише «немає доступу».", null);
        // someone else is logged in and has an open request that Jira will change while the agent is gone
        JiraRequest watched = openSeedRequestOfALoggedInEmployee(sandbox);
        Conversation watcher = Conversation.of(sandbox.telegram(), reporter(watched));

        sandbox.agent().kill();
        try {
            assertThat(c.press(confirm, "Надіслати").plainText()).contains("збережено");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(health(sandbox.botHealthUrl()))
                    .satisfies(h -> {
                        assertThat(h.statusCode()).isEqualTo(503);
                        assertThat(h.body()).containsPattern(
                                "\"name\"\\s*:\\s*\"agent\"[^}]*\"status\"\\s*:\\s*\"DOWN\"");
                    }));
            jira.changeStatus(watched.key(), otherStatus(watched), watched.assignee());
        } finally {
            sandbox.startAgent();
        }

        String key = RequestWizard.key(RequestWizard.awaitCreated(c));
        assertThat(jira.requests()).filteredOn(r -> r.summary().equals(summary)).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(key));
        SentMessage told = watcher.telegram().awaitMessage(watcher.userId(),
                m -> m.plainText().contains(watched.key()) && m.plainText().contains(otherStatus(watched)),
                Duration.ofSeconds(60));
        assertThat(told.plainText()).contains(watched.key());
        await().atMost(Duration.ofSeconds(30)).until(() -> health(sandbox.botHealthUrl()).statusCode() == 200);
    }

    /** Logs the person in while a dependency is down and returns the bot's answer to the shared contact. */
    private static SentMessage logInAnswer(Sandbox sandbox, SeedPerson person) {
        return Conversation.of(sandbox.telegram(), person).logIn(person);
    }

    private static JiraRequest openSeedRequestOfALoggedInEmployee(Sandbox sandbox) {
        JiraRequest request = sandbox.jira().requests().stream()
                .filter(r -> !"DONE".equals(r.statusCategory())).filter(r -> r.assignee() != null)
                .filter(r -> SeedPeople.all().stream().anyMatch(p -> p.login().equals(r.reporter())
                        && "employee".equals(p.role()) && p.canLogIn() && "uk".equals(p.languageCode())))
                // not one of the people the scenarios here log in and out
                .filter(r -> List.of(employee(0), employee(1), employee(2)).stream()
                        .noneMatch(p -> p.login().equals(r.reporter())))
                .min(Comparator.comparing(JiraRequest::key)).orElseThrow();
        SeedPerson reporter = reporter(request);
        Conversation.of(sandbox.telegram(), reporter).logInToMenu(reporter);
        return request;
    }

    private static SeedPerson reporter(JiraRequest request) {
        return SeedPeople.all().stream().filter(p -> p.login().equals(request.reporter())).findFirst().orElseThrow();
    }

    /** A status the request is not in that a specialist can set, so that a change is certain. */
    private static String otherStatus(JiraRequest request) {
        return "In Progress".equals(request.status()) ? "Waiting for customer" : "In Progress";
    }

    /** Employees no other scenario class logs in, counted from the lowest employee id. */
    private static SeedPerson employee(int n) {
        List<SeedPerson> employees = SeedPeople.withRole("employee").stream().filter(SeedPerson::canLogIn)
                .filter(p -> "uk".equals(p.languageCode())).sorted(Comparator.comparing(SeedPerson::employeeId))
                .toList();
        return employees.get(n);
    }

    private static HttpResponse<String> health(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
