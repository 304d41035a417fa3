package ua.itdesk.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * Jira Cloud cannot reach the agent, so the agent polls: the sandbox's Jira stand-in plays Cloud (accountIds, the
 * token-paged search), sends no webhooks, and the changes made on its control side reach the bot's long poll
 * within a few polls (one second apart here).
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_STAND_IN_CLOUD))
class JiraPollingEventsTests {

    private static final String EVENTS = "/api/v1/events";

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/health/well", management = true)
    URI wellness;

    @TestHTTPResource(value = "/metrics", management = true)
    URI metrics;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @Inject
    JiraPoller poller;

    private JiraStandIn jira;
    private AgentClient bot;
    private final SeedPerson specialist = SeedPeople.withRole("specialist").get(0);
    private final SeedPerson otherSpecialist = SeedPeople.withRole("specialist").get(1);

    @BeforeEach
    void baselineTaken() {
        jira = sandbox.jiraStandIn();
        bot = AgentClient.asBot(agent, sandbox.pki());
        Instant deadline = Instant.now().plusSeconds(30);
        while (poller.lag().isEmpty() && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertThat(poller.lag()).as("the first poll set the baseline").isPresent();
    }

    @Test
    void changesInJiraCloudReachTheBotThroughPolling() {
        JiraRequest request = jira.requests().stream().filter(r -> !r.statusCategory().equals("DONE"))
                .filter(r -> !login(specialist).equals(r.assignee()) && !login(otherSpecialist).equals(r.assignee()))
                .findFirst().orElseThrow();
        String cursor = bot.get(EVENTS, null).json().path("cursor").asText();

        jira.changeStatus(request.key(), "Waiting for customer", login(specialist));
        jira.addComment(request.key(), login(specialist), "Internal: budget code 42", false);
        jira.addPublicComment(request.key(), login(specialist), "Which floor are you on?");
        jira.assign(request.key(), login(otherSpecialist), login(specialist));

        List<JsonNode> events = collect(cursor, request.key(), 3);
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactlyInAnyOrder("STATUS_CHANGED", "ASSIGNED", "COMMENT_ADDED");
        JsonNode status = byType(events, "STATUS_CHANGED");
        assertThat(status.path("status").asText()).isEqualTo("Waiting for customer");
        assertThat(status.path("reporterEmployeeId").asText()).isEqualTo(person(request.reporter()).employeeId());
        assertThat(byType(events, "ASSIGNED").path("assigneeEmployeeId").asText())
                .isEqualTo(otherSpecialist.employeeId());
        JsonNode comment = byType(events, "COMMENT_ADDED");
        assertThat(comment.path("comment").path("body").asText()).isEqualTo("Which floor are you on?");
        assertThat(comment.path("authorEmployeeId").asText()).isEqualTo(specialist.employeeId());
        assertThat(comment.path("id").asText()).isEqualTo(request.key() + ":comment:"
                + comment.path("comment").path("id").asText());
        assertThat(events.toString()).doesNotContain("budget code");
        assertThat(jira.webhookDeliveries()).isEmpty();
    }

    @Test
    void aRequestRaisedInJiraIsReportedAsCreated() {
        Management.awaitPhoneIndex(readiness);
        SeedPerson employee = SeedPeople.anActiveEmployee();
        String token = bot.verify(employee.telegramUserId(), employee.e164()).token();
        String category = bot.get("/api/v1/requests/categories", token).json().get(0).path("id").asText();
        String cursor = bot.get(EVENTS, null).json().path("cursor").asText();

        AgentClient.Response created = bot.send(bot.request("/api/v1/requests", token)
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"categoryId\":\"" + category + "\",\"priority\":"
                        + "\"HIGH\",\"summary\":\"Monitor flickers\",\"description\":\"Since Monday\"}")));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("key").asText();

        // nobody is online, so assignment's NO_SPECIALIST_AVAILABLE for the same key may come before the poll's
        JsonNode event = byType(collect(cursor, key, 2), "CREATED");
        assertThat(event.path("id").asText()).isEqualTo(key + ":created");
        assertThat(event.path("summary").asText()).isEqualTo("Monitor flickers");
        assertThat(event.path("priority").asText()).isEqualTo("HIGH");
        assertThat(event.path("reporterEmployeeId").asText()).isEqualTo(employee.employeeId());
    }

    @Test
    void aRequestNotSeenBeforeReportsItsCurrentStatusWhenItChanges() {
        JiraRequest done = jira.requests().stream().filter(r -> r.statusCategory().equals("DONE")).findFirst()
                .orElseThrow();
        String cursor = bot.get(EVENTS, null).json().path("cursor").asText();

        jira.changeStatus(done.key(), "Waiting for support", login(specialist));

        List<JsonNode> events = collect(cursor, done.key(), 1);
        assertThat(events).extracting(e -> e.path("type").asText()).contains("STATUS_CHANGED");
        assertThat(events.get(0).path("status").asText()).isEqualTo("Waiting for support");
    }

    @Test
    void pollingReportsItsHealthAndLag() {
        JsonNode well = AgentClient.parse(Management.get(wellness).body());
        JsonNode check = null;
        for (JsonNode c : well.path("checks")) {
            if (c.path("name").asText().equals("jira-events")) {
                check = c;
            }
        }
        assertThat(check).isNotNull();
        assertThat(check.path("status").asText()).isEqualTo("UP");
        assertThat(check.path("data").path("source").asText()).isEqualTo("polling");
        String prometheus = Management.get(metrics).body();
        assertThat(prometheus).contains("agent_jira_poll_lag_seconds", "agent_jira_polls_total{outcome=\"success\"}",
                "agent_events_buffered");
    }

    private List<JsonNode> collect(String cursor, String key, int count) {
        List<JsonNode> found = new ArrayList<>();
        String at = cursor;
        Instant deadline = Instant.now().plusSeconds(30);
        while (found.size() < count && Instant.now().isBefore(deadline)) {
            JsonNode batch = bot.get(EVENTS + "?waitSeconds=2&cursor=" + at, null).json();
            batch.path("events").forEach(e -> {
                if (e.path("key").asText().equals(key)) {
                    found.add(e);
                }
            });
            at = batch.path("cursor").asText();
        }
        return found;
    }

    private static JsonNode byType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).findFirst().orElseThrow();
    }

    private static SeedPerson person(String login) {
        return SeedPeople.all().stream().filter(p -> login(p).equals(login)).findFirst().orElseThrow();
    }

    private static String login(SeedPerson p) {
        return p.login().toLowerCase(Locale.ROOT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
