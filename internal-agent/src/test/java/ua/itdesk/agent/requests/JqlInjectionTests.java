package ua.itdesk.agent.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.jira.JiraStandIn.ApiCall;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * JQL injection through everything of the API that ends near JQL (cursors, keys, category ids, knowledge base text),
 * against the Jira stand-in, which parses JQL as Jira does and records each call: the attempts are refused before
 * Jira (400 problem) or travel as data, never as JQL, and no query the agent sends carries them.
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_STAND_IN_DATA_CENTER))
class JqlInjectionTests {

    /** JQL that would widen a query: an OR, a closing parenthesis, a quote ending the literal, an ORDER BY. */
    static final List<String> ATTEMPTS = List.of("0 OR reporter is not EMPTY", "\" OR project != \"X",
            "1) OR (key is not EMPTY", "0 ORDER BY created", "ITS-1\" OR \"1\"=\"1", "-1", "1e3");

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    private JiraStandIn jira;
    private AgentClient bot;
    private String employee;
    private String specialist;

    @BeforeEach
    void logIn() {
        jira = sandbox.jiraStandIn();
        jira.setAvailable(true);
        bot = AgentClient.asBot(agent, sandbox.pki());
        employee = tokenOf(SeedPeople.anActiveEmployee());
        specialist = tokenOf(SeedPeople.withRole("specialist").get(0));
        jira.resetCallCounts();
    }

    @Test
    void aCursorCarryingJqlIsRefusedAndNeverReachesASearch() {
        for (String attempt : ATTEMPTS) {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(attempt.getBytes(StandardCharsets.UTF_8));

            assertInvalid(bot.get("/api/v1/requests/mine?cursor=" + cursor, employee), attempt);
            assertInvalid(bot.get("/api/v1/requests/assigned?cursor=" + cursor, specialist), attempt);
        }
        assertNoQueryCarriesAnAttempt();
    }

    @Test
    void aKeyCarryingJqlIsRefusedOnEveryCallThatTakesOne() {
        for (String attempt : ATTEMPTS) {
            String key = URLEncoder.encode("ITS-1" + attempt, StandardCharsets.UTF_8).replace("+", "%20");

            assertInvalid(bot.get("/api/v1/requests/" + key, employee), attempt);
            assertInvalid(bot.post("/api/v1/requests/" + key + "/comments", employee, "{\"body\":\"x\"}"), attempt);
            assertInvalid(bot.get("/api/v1/consultations/" + key, null), attempt);
            assertInvalid(bot.post("/api/v1/events/changes", null, "{\"since\":\"" + Instant.now()
                    + "\",\"keys\":[\"" + ("ITS-1" + attempt).replace("\"", "\\\"") + "\"]}"), attempt);
        }
        assertNoQueryCarriesAnAttempt();
    }

    @Test
    void aCategoryIdCarryingJqlIsNotOneOfTheCategories() {
        for (String attempt : ATTEMPTS) {
            String body = "{\"categoryId\":\"" + attempt.replace("\"", "\\\"") + "\",\"priority\":\"LOW\","
                    + "\"summary\":\"Printer\",\"description\":\"Out of toner\"}";
            Response response = bot.send(bot.request("/api/v1/requests", employee)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

            assertInvalid(response, attempt);
        }
        assertThat(jira.apiCalls()).noneMatch(c -> "createCustomerRequest".equals(c.operation()));
        assertNoQueryCarriesAnAttempt();
    }

    @Test
    void knowledgeBaseTextTravelsOnlyAsTheArticleSearchsParameter() {
        for (String attempt : ATTEMPTS) {
            Response response = bot.get("/api/v1/requests/knowledge?query="
                    + URLEncoder.encode(attempt, StandardCharsets.UTF_8), employee);

            assertThat(response.status()).as(attempt + ": " + response.body()).isEqualTo(200);
        }
        assertThat(jira.apiCalls()).filteredOn(c -> c.path().contains("knowledgebase"))
                .hasSizeGreaterThanOrEqualTo(ATTEMPTS.size());
        assertNoQueryCarriesAnAttempt();
    }

    private void assertInvalid(Response response, String attempt) {
        assertThat(response.status()).as(attempt + ": " + response.body()).isIn(400, 404);
        assertThat(response.contentType()).as(attempt).startsWith("application/problem+json");
        assertThat(response.body()).as(attempt).doesNotContain(" OR ", "ORDER BY");
    }

    /** No JQL search the stand-in received holds any attempt, and none of them failed to parse. */
    private void assertNoQueryCarriesAnAttempt() {
        List<ApiCall> searches = jira.apiCalls().stream()
                .filter(c -> c.operation().startsWith("searchFor") || c.operation().startsWith("searchAndReconsile"))
                .toList();
        for (ApiCall search : searches) {
            String text = search.body() + " " + (search.query() == null ? "" : search.query());
            assertThat(text).doesNotContainIgnoringCase(" OR ").doesNotContain("is not EMPTY");
        }
    }

    private String tokenOf(SeedPerson person) {
        Response login = bot.verify(person.telegramUserId(), person.e164());
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.token();
    }
}
