package ua.itdesk.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * Jira, HR and the directory taken away one at a time (the Jira and HR stand-ins answer 503; the directory's network
 * path is cut, as a crashed server): readiness names the one that is down and liveness stays up; calls that need it
 * answer a 503 problem with {@code Retry-After} within a few seconds instead of hanging; {@code /q/health/started}, which
 * Kubernetes routes on, stays up, so the bot keeps getting those answers; and once it is back the agent
 * serves again by itself (its circuit breakers close without anyone resetting them).
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_STAND_IN_DATA_CENTER))
class DependencyOutageTests {

    /** Longest a refused call may take: HTTP timeouts and retries are longer, but a dead peer fails fast. */
    private static final Duration QUICK = Duration.ofSeconds(5);
    /** Longest the agent may take to serve again: the breakers half-open after 10 s (directory, HR) or 2 s (Jira). */
    private static final Duration RECOVERY = Duration.ofSeconds(40);

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @TestHTTPResource(value = "/health/live", management = true)
    URI liveness;

    /** What Kubernetes routes on (deploy/internal/k8s/deployment.yaml): the agent's own state, no dependency. */
    @TestHTTPResource(value = "/health/started", management = true)
    URI started;

    private final SeedPerson person = SeedPeople.anActiveEmployee();

    @AfterEach
    void everythingBack() {
        sandbox.jiraStandIn().setAvailable(true);
        sandbox.hr().setAvailable(true);
        sandbox.directoryGate().restore();
    }

    @Test
    void withJiraDownReadinessNamesJiraRequestCallsAnswer503QuicklyAndServeAgainWhenItIsBack() {
        String token = login();
        sandbox.jiraStandIn().setAvailable(false);

        assertOnlyDown("jira");
        for (int i = 0; i < 12; i++) { // enough failures to open the breaker: the last ones are refused at once
            assertQuick503(() -> bot().get("/api/v1/requests/mine", token));
        }
        assertThat(login()).as("logins need no Jira").isNotBlank();

        sandbox.jiraStandIn().setAvailable(true);
        awaitStatus(() -> bot().get("/api/v1/requests/mine", token), 200);
        assertAllUp();
    }

    @Test
    void withHrDownReadinessNamesHrLoginsAnswer503QuicklyAndSucceedAgainWhenItIsBack() {
        sandbox.hr().setAvailable(false);

        assertOnlyDown("hr");
        for (int i = 0; i < 12; i++) {
            assertQuick503(() -> bot().verify(person.telegramUserId(), person.e164()));
        }

        sandbox.hr().setAvailable(true);
        awaitStatus(() -> bot().verify(person.telegramUserId(), person.e164()), 200);
        assertAllUp();
    }

    @Test
    void withTheDirectoryUnreachableReadinessNamesItLoginsAnswer503QuicklyAndSucceedAgainWhenItIsBack() {
        sandbox.directoryGate().cut();

        assertOnlyDown("ldap");
        for (int i = 0; i < 12; i++) {
            assertQuick503(() -> bot().verify(person.telegramUserId(), person.e164()));
        }

        sandbox.directoryGate().restore();
        awaitStatus(() -> bot().verify(person.telegramUserId(), person.e164()), 200);
        assertAllUp();
    }

    // ---- helpers ----

    private AgentClient bot() {
        return AgentClient.asBot(agent, sandbox.pki());
    }

    private String login() {
        Response response = bot().verify(person.telegramUserId(), person.e164());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.token();
    }

    private static void assertQuick503(Supplier<Response> call) {
        Instant started = Instant.now();
        Response response = call.get();
        Duration took = Duration.between(started, Instant.now());

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("urn:itdesk:problem:dependency-unavailable");
        assertThat(response.header("Retry-After")).isPresent();
        assertThat(took).isLessThan(QUICK);
    }

    private static void awaitStatus(Supplier<Response> call, int status) {
        Instant deadline = Instant.now().plus(RECOVERY);
        Response last = call.get();
        while (last.status() != status && Instant.now().isBefore(deadline)) {
            sleep(500);
            last = call.get();
        }
        assertThat(last.status()).as("back within " + RECOVERY + ": " + last.body()).isEqualTo(status);
    }

    private void assertOnlyDown(String dependency) {
        HttpResponse<String> ready = Management.get(readiness);
        JsonNode health = AgentClient.parse(ready.body());

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        for (String check : new String[] {"jira", "ldap", "hr"}) {
            assertThat(statusOf(health, check)).as(check + " in " + ready.body())
                    .isEqualTo(check.equals(dependency) ? "DOWN" : "UP");
        }
        assertThat(Management.get(liveness).statusCode()).as("liveness").isEqualTo(200);
        assertThat(Management.get(started).statusCode()).as("started, the readiness probe").isEqualTo(200);
    }

    private void assertAllUp() {
        Instant deadline = Instant.now().plus(RECOVERY);
        HttpResponse<String> ready = Management.get(readiness);
        while (ready.statusCode() != 200 && Instant.now().isBefore(deadline)) {
            sleep(500);
            ready = Management.get(readiness);
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }

    private static String statusOf(JsonNode health, String check) {
        for (JsonNode c : health.path("checks")) {
            if (check.equals(c.path("name").asText())) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
