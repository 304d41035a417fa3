package ua.itdesk.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Numbers;
import ua.itdesk.agent.testing.OpenApiDocuments;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/** Health, metrics and the OpenAPI document on the management port, which needs no certificate and is off the API port. */
@QuarkusTest
@WithTestResource(AgentSandboxResource.class)
class ManagementInterfaceTests {

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URI metrics;

    @TestHTTPResource(value = "/openapi", management = true)
    URI openApi;

    @Test
    void readinessReportsTheDirectoryAndHrSeparately() {
        Management.awaitPhoneIndex(readiness);

        HttpResponse<String> response = Management.get(readiness);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = AgentClient.parse(response.body());
        JsonNode ldap = check(health, "ldap");
        assertThat(ldap.path("status").asText()).isEqualTo("UP");
        assertThat(ldap.path("data").path("indexedNumbers").asInt()).isGreaterThan(SeedPeople.all().size() / 2);
        assertThat(check(health, "hr").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void verificationsAreCountedByOutcome() {
        SeedPerson person = SeedPeople.anActiveEmployee();
        AgentClient bot = AgentClient.asBot(agent, sandbox.pki());
        bot.verify(person.telegramUserId(), person.e164());
        bot.verify(Numbers.strangerTelegramId(), Numbers.unknownNumber());

        String exposition = Management.get(metrics).body();

        assertThat(exposition).containsPattern("agent_verifications_total\\{.*outcome=\"success\".*} [1-9]");
        assertThat(exposition).containsPattern("agent_verifications_total\\{.*outcome=\"denied\".*} [1-9]");
    }

    /**
     * The API the agent serves is the reviewed contract in {@code shared-contracts}: a change to a resource, a
     * record or a route changes the served document, and this fails until the committed one is updated with it
     * (compared as trees, so key order and formatting do not count).
     */
    @Test
    void theServedOpenApiDocumentIsTheReviewedContract() throws IOException {
        Path committed = Path.of(System.getProperty("itdesk.openapi-contract",
                "../shared-contracts/src/main/resources/openapi/agent-api-v1.yaml"));
        JsonNode served = Management.openApi(openApi);
        Path fresh = Path.of("target/openapi", committed.getFileName().toString()).toAbsolutePath();
        Files.createDirectories(fresh.getParent());
        Files.writeString(fresh, OpenApiDocuments.yaml(served));

        assertThat(Files.exists(committed)).as("the reviewed contract %s is missing; review %s and copy it there",
                committed, fresh).isTrue();
        assertThat(OpenApiDocuments.read(committed)).as("""
                the agent serves another API than the reviewed contract %s.
                Review the difference (diff %s %s) and, if it is intended, update the contract:
                  cp %s %s""", committed, committed, fresh, fresh, committed).isEqualTo(served);
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.path("checks")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no check named " + name + " in " + health);
    }
}
