package ua.itdesk.agent.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * M1's budget, measured, not asserted: statistics of a period holding 10,000 requests of the Jira stand-in, with the
 * time and the number of Jira calls printed. Not part of the default run (its name is not a test's); run it with
 * {@code ./mvnw -B -pl shared-contracts,sandbox,internal-agent -am verify -Dtest=StatisticsBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. The figure measured is in the agent's README.
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class, initArgs = {
        @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_STAND_IN_DATA_CENTER),
        @ResourceArg(name = AgentSandboxResource.JIRA_PAST_REQUESTS, value = "10000")})
class StatisticsBenchmark {

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @Test
    void statisticsOfTenThousandRequests() {
        Management.awaitPhoneIndex(readiness);
        AgentClient bot = AgentClient.asBot(agent, sandbox.pki());
        JiraStandIn jira = sandbox.jiraStandIn();
        ZoneId zone = jira.options().zone();
        SeedPerson supervisor = SeedPeople.withRole("supervisor").stream().filter(SeedPerson::canLogIn).findFirst()
                .orElseThrow();
        String token = bot.verify(supervisor.telegramUserId(), supervisor.e164()).token();
        LocalDate to = LocalDate.now(zone);
        // the first reading after start-up runs on a cold JVM; the second, one day shorter, is a fresh reading too
        measure(bot, jira, token, to.minusDays(59), to, "first after start-up");
        measure(bot, jira, token, to.minusDays(58), to, "fresh, warm JVM");
        measure(bot, jira, token, to.minusDays(58), to, "cached");
    }

    private static void measure(AgentClient bot, JiraStandIn jira, String token, LocalDate from, LocalDate to,
            String label) {
        Instant start = from.atStartOfDay(jira.options().zone()).toInstant();
        long inPeriod = jira.requests().stream().filter(r -> !r.created().isBefore(start)).count();
        jira.resetCallCounts();
        long began = System.nanoTime();
        AgentClient.Response answer = bot.get("/api/v1/statistics/requests?from=" + from + "&to=" + to, token);
        long millis = (System.nanoTime() - began) / 1_000_000;
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode s = answer.json();
        assertThat(s.get("created").asLong()).isEqualTo(inPeriod);
        System.out.printf("statistics benchmark (%s): %d requests in %s..%s, %d ms, %d Jira calls (agent), "
                + "%d calls seen by the stand-in, truncated=%s%n", label, s.get("created").asLong(), from, to,
                millis, s.get("jiraCalls").asInt(), jira.totalCalls(), s.get("truncated").asBoolean());
    }
}
