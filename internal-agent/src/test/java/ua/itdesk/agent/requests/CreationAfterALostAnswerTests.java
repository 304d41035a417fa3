package ua.itdesk.agent.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.AuditLines;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * A creation whose answer from Jira is lost (Jira answers after the agent's read timeout, so the agent cannot know
 * whether the request exists) answers 503, and the bot's retry with the same {@code Idempotency-Key} returns the
 * request Jira did create instead of raising a second one; a creation Jira refused before doing anything is raised
 * by the retry as usual.
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_STAND_IN_DATA_CENTER))
class CreationAfterALostAnswerTests {

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void jiraBack() {
        sandbox.jiraStandIn().injectLatency(Duration.ZERO);
        sandbox.jiraStandIn().failNext(500, 0, null);
        breakers.reset("jira");
    }

    @Test
    void theRetryAfterALostAnswerReturnsTheRequestJiraCreatedInsteadOfASecondOne() throws Exception {
        JiraStandIn jira = sandbox.jiraStandIn();
        AgentClient bot = AgentClient.asBot(agent, sandbox.pki());
        String token = token(bot);
        String summary = "Lost answer " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        assertThat(bot.get("/api/v1/requests/categories", token).status()).isEqualTo(200); // cached before the fault

        jira.injectLatency(Duration.ofSeconds(5)); // longer than the agent's read timeout (3 s here)
        Response lost = create(bot, token, key, summary);
        jira.injectLatency(Duration.ZERO);
        assertThat(lost.status()).as(lost.body()).isEqualTo(503);
        awaitRequests(jira, summary, 1);

        Response retry;
        try (AuditLines audit = AuditLines.start()) {
            retry = create(bot, token, key, summary);
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("event=request", "action=create",
                    "reason=FOUND_AFTER_LOST_ANSWER"));
        }

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        String created = jira.requests().stream().filter(r -> r.summary().equals(summary)).findFirst().orElseThrow()
                .key();
        assertThat(retry.json().path("key").asText()).isEqualTo(created);
        Thread.sleep(1_000); // nothing else on its way to Jira
        assertThat(jira.requests().stream().filter(r -> r.summary().equals(summary))).hasSize(1);
        assertThat(create(bot, token, key, summary).json().path("key").asText()).isEqualTo(created);
    }

    @Test
    void theRetryAfterABrokenAnswerThatCreatedNothingCreatesOnce() {
        JiraStandIn jira = sandbox.jiraStandIn();
        AgentClient bot = AgentClient.asBot(agent, sandbox.pki());
        String token = token(bot);
        String summary = "Broken answer " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        jira.failNext(502, 1, null, "createCustomerRequest"); // refused without creating anything
        Response broken = create(bot, token, key, summary);
        Response retry = create(bot, token, key, summary);

        assertThat(broken.status()).as(broken.body()).isEqualTo(503);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(jira.requests().stream().filter(r -> r.summary().equals(summary))).hasSize(1);
    }

    private static String token(AgentClient bot) {
        SeedPerson person = SeedPeople.anActiveEmployee();
        return bot.verify(person.telegramUserId(), person.e164()).token();
    }

    private Response create(AgentClient bot, String token, String idempotencyKey, String summary) {
        String category = sandbox.jiraStandIn().requestTypes().keySet().iterator().next();
        String body = "{\"categoryId\":\"" + category + "\",\"priority\":\"MEDIUM\",\"summary\":\"" + summary
                + "\",\"description\":\"The printer on the 3rd floor\"}";
        return bot.send(bot.request("/api/v1/requests", token).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void awaitRequests(JiraStandIn jira, String summary, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (jira.requests().stream().filter(r -> r.summary().equals(summary)).count() < count
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(jira.requests().stream().filter(r -> r.summary().equals(summary))).hasSize(count);
    }
}
