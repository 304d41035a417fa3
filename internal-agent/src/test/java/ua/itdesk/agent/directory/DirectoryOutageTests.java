package ua.itdesk.agent.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/** The agent started while the directory is unreachable: it runs, says so, and answers 503 rather than 403. */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "directory", value = AgentSandboxResource.DIRECTORY_DOWN))
class DirectoryOutageTests {

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @Test
    void verificationAnswersDependencyUnavailableWhileTheDirectoryIsDown() {
        SeedPerson person = SeedPeople.anActiveEmployee();

        Response response = AgentClient.asBot(agent, sandbox.pki()).verify(person.telegramUserId(), person.e164());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("urn:itdesk:problem:dependency-unavailable");
    }

    @Test
    void readinessNamesTheDirectoryAsTheSystemThatIsDown() {
        HttpResponse<String> response = Management.get(readiness);

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode health = AgentClient.parse(response.body());
        assertThat(statusOf(health, "ldap")).isEqualTo("DOWN");
        assertThat(statusOf(health, "hr")).isEqualTo("UP");
    }

    static String statusOf(JsonNode health, String check) {
        for (JsonNode c : health.path("checks")) {
            if (check.equals(c.path("name").asText())) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }
}
