package ua.itdesk.agent.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.AuditLines;
import ua.itdesk.agent.testing.Canned;
import ua.itdesk.agent.testing.FakeJira;
import ua.itdesk.agent.testing.FakeJira.Exchange;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * The bot-facing request API against a scripted Jira Data Center: the seeded people log in (their Jira account is
 * their directory login, found by e-mail), and the fake answers user and JQL searches from a small list of issues,
 * so that whose request is whose is decided by what the agent sends, as it would be by Jira.
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_DATA_CENTER))
class RequestsApiTests {

    private static final String SD = "/rest/servicedeskapi";
    private static final String SEARCH = "/rest/api/2/search";
    private static final String USERS = "/rest/api/2/user/search";
    private static final String API = "/api/v1/requests";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY_CLAUSE = Pattern.compile("key in \\(\"([^\"]+)\"\\)");
    private static final Pattern REPORTER_CLAUSE = Pattern.compile("reporter = \"([^\"]+)\"");
    private static final Pattern ASSIGNEE_CLAUSE = Pattern.compile("assignee in \\(\"([^\"]+)\"\\)");

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @Inject
    CircuitBreakerMaintenance breakers;

    private FakeJira fake;
    private AgentClient bot;
    private final List<Issue> issues = new CopyOnWriteArrayList<>();
    private final SeedPerson employee = SeedPeople.anActiveEmployee();
    private final SeedPerson colleague = SeedPeople.all().stream()
            .filter(p -> p.role().equals("employee") && p.canLogIn() && !p.equals(employee)).findFirst()
            .orElseThrow();
    private final SeedPerson specialist = SeedPeople.withRole("specialist").stream().filter(SeedPerson::canLogIn)
            .findFirst().orElseThrow();

    @BeforeEach
    void freshJira() {
        fake = sandbox.jira();
        fake.reset();
        breakers.reset("jira");
        issues.clear();
        bot = AgentClient.asBot(agent, sandbox.pki());
        fake.on("GET", USERS).answer(200, this::usersByEmail);
        fake.on("GET", SD + "/servicedesk/10").reply(200, Canned.jira("servicedesk.json"));
        Management.awaitPhoneIndex(readiness); // readiness also reads the service desk (the jira check)
        fake.on("GET", SD + "/servicedesk/10/requesttype")
                .reply(200, Canned.jira("requesttype-page-1.json"))
                .reply(200, Canned.jira("requesttype-page-2.json"));
        // the categories are cached across tests: every test scripts the same fields, 11003 needing a description
        for (String type : List.of("11001", "11002")) {
            fake.on("GET", SD + "/servicedesk/10/requesttype/" + type + "/field")
                    .reply(200, Canned.jira("requesttype-fields.json"));
        }
        fake.on("GET", SD + "/servicedesk/10/requesttype/11003/field")
                .reply(200, Canned.jira("requesttype-fields-description-required.json"));
        fake.on("POST", SEARCH).answer(200, this::search);
    }

    @AfterEach
    void everyExchangeConformedToTheReferenceFiles() {
        assertThat(fake.contractViolations()).isEmpty();
    }

    @Test
    void loginPutsTheJiraAccountFoundByEmailIntoTheProfileAndTheToken() {
        Response login = bot.verify(employee.telegramUserId(), employee.e164());

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("employee").path("jiraAccount").asText()).isEqualTo(employee.login());
        assertThat(AgentClient.claimsOf(login.token()).path("jira").asText()).isEqualTo(employee.login());
        assertThat(fake.exchanges("GET", USERS)).extracting(e -> e.param("username"))
                .containsExactly(employee.mail());
        Response me = bot.get("/api/v1/auth/me", login.token());
        assertThat(me.json().path("jiraAccount").asText()).isEqualTo(employee.login());
    }

    @Test
    void jiraDownAtLoginDoesNotBlockItAndTheAccountIsLookedUpOnTheFirstRequestCall() {
        fake.on("GET", USERS).clear().reply(503, Map.of("Retry-After", "1"), null);

        Response login = bot.verify(employee.telegramUserId(), employee.e164());

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("employee").path("jiraAccount").isNull()).isTrue();
        assertThat(AgentClient.claimsOf(login.token()).has("jira")).isFalse();

        fake.on("GET", USERS).clear().answer(200, this::usersByEmail);
        issues.add(new Issue("HELP-501", employee.login(), null));
        Response mine = bot.get(API + "/mine", login.token());

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("items")).extracting(i -> i.path("key").asText()).containsExactly("HELP-501");
        assertThat(fake.exchanges("GET", USERS).get(fake.exchanges("GET", USERS).size() - 1).param("username"))
                .isEqualTo(employee.mail());
    }

    @Test
    void listsTheServiceDesksRequestTypesAsCategoriesWithWhetherTheyNeedADescription() {
        Response categories = bot.get(API + "/categories", tokenOf(employee));

        assertThat(categories.status()).isEqualTo(200);
        assertThat(categories.json()).extracting(c -> c.path("id").asText())
                .containsExactly("11001", "11002", "11003");
        assertThat(categories.json().get(0).path("name").asText()).isNotBlank();
        assertThat(categories.json()).extracting(c -> c.path("descriptionRequired").asBoolean())
                .containsExactly(false, false, true);
    }

    @Test
    void aCategoryThatNeedsADescriptionIsRefusedWithoutOneBeforeJira() {
        fake.on("POST", SD + "/request").reply(201, Canned.jira("request.json"));
        String token = tokenOf(employee);

        try (AuditLines audit = AuditLines.start()) {
            Response none = create(token, UUID.randomUUID().toString(), "11003", "LOW", "Access to 1C", null);
            Response blank = create(token, UUID.randomUUID().toString(), "11003", "LOW", "Access to 1C",
                    " \u0007\n ");

            for (Response refused : List.of(none, blank)) {
                assertThat(refused.status()).as(refused.body()).isEqualTo(400);
                assertThat(refused.json().path("type").asText()).isEqualTo("urn:itdesk:problem:invalid-request");
                assertThat(refused.json().path("detail").asText()).isEqualTo("This category needs a description.");
            }
            assertThat(audit.lines()).filteredOn(l -> l.contains("event=request action=create outcome=INVALID "
                    + "reason=DESCRIPTION_REQUIRED employee=" + employee.employeeId())).hasSize(2);
        }
        assertThat(fake.exchanges("POST", SD + "/request")).isEmpty();

        Response described = create(token, UUID.randomUUID().toString(), "11003", "LOW", "Access to 1C",
                "Read access to the accounting database, for the annual report.");

        assertThat(described.status()).isEqualTo(201);
        assertThat(fake.exchanges("POST", SD + "/request").get(0).json().path("requestFieldValues")
                .path("description").asText()).isEqualTo("Read access to the accounting database, for the annual "
                        + "report.");
    }

    @Test
    void createsOnBehalfOfTheEmployeeWithTheRequestTypeAndTheMappedPriority() {
        fake.on("POST", SD + "/request").reply(201, Canned.jira("request.json"));

        Response created = create(tokenOf(employee), UUID.randomUUID().toString(), "11002", "CRITICAL",
                "VPN does not connect", "Since this morning, error 809.");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("key").asText()).isEqualTo("HELP-42");
        assertThat(created.json().path("priority").asText()).isEqualTo("CRITICAL");
        assertThat(created.json().path("webLink").asText()).endsWith("/servicedesk/customer/portal/1/HELP-42");
        assertThat(created.json().path("created").asText()).isEqualTo("2026-01-01T10:00:00Z");
        JsonNode sent = fake.exchanges("POST", SD + "/request").get(0).json();
        assertThat(sent.path("serviceDeskId").asText()).isEqualTo("10");
        assertThat(sent.path("requestTypeId").asText()).isEqualTo("11002");
        assertThat(sent.path("raiseOnBehalfOf").asText()).isEqualTo(employee.login());
        assertThat(sent.path("requestFieldValues").path("priority").path("name").asText()).isEqualTo("Highest");
        assertThat(sent.path("requestFieldValues").path("summary").asText()).isEqualTo("VPN does not connect");
    }

    @Test
    void theBotsCorrelationIdGoesWithEveryJiraCallMadeForTheCall() {
        fake.on("POST", SD + "/request").reply(201, Canned.jira("request.json"));
        String token = tokenOf(employee);
        int before = fake.exchanges().size();
        String correlationId = "upd-" + UUID.randomUUID();

        Response created = bot.send(bot.request(API, token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Correlation-Id", correlationId)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        body("11001", "LOW", "Printer jams", null))));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        List<Exchange> all = fake.exchanges();
        List<Exchange> since = all.subList(before, all.size());
        int creation = since.stream().map(Exchange::path).toList().indexOf(SD + "/request");
        assertThat(creation).as("the creation among " + since).isNotNegative();
        // up to the creation every call was made for this one (the assignment that follows runs on its own);
        // readiness probes read the service desk meanwhile without a bot call behind them
        assertThat(since.subList(0, creation + 1)).filteredOn(e -> !e.path().equals(SD + "/servicedesk/10"))
                .allSatisfy(e -> assertThat(e.header("X-Correlation-Id")).as(e.method() + " " + e.path())
                        .isEqualTo(correlationId));
    }

    @Test
    void theSameIdempotencyKeyCreatesOnceAndCannotBeReusedForAnotherRequest() {
        fake.on("POST", SD + "/request").reply(201, Canned.jira("request.json"));
        String token = tokenOf(employee);
        String key = UUID.randomUUID().toString();

        Response first = create(token, key, "11001", "HIGH", "Printer jams", null);
        Response retry = create(token, key, "11001", "HIGH", "Printer jams", null);
        Response other = create(token, key, "11001", "LOW", "Something else", null);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.contentType()).startsWith(PROBLEM_JSON);
        assertThat(fake.exchanges("POST", SD + "/request")).hasSize(1);
    }

    @Test
    void unknownCategoryMissingKeyAndOversizedSummaryAreRefusedBeforeJira() {
        String token = tokenOf(employee);

        Response unknownCategory = create(token, UUID.randomUUID().toString(), "99999", "LOW", "Hello", null);
        Response noKey = bot.post(API, token, body("11001", "LOW", "Hello", null));
        Response longSummary = create(token, UUID.randomUUID().toString(), "11001", "LOW", "x".repeat(256), null);
        Response badPriority = create(token, UUID.randomUUID().toString(), "11001", "URGENT", "Hello", null);

        for (Response refused : List.of(unknownCategory, noKey, longSummary, badPriority)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("type").asText()).as(refused.body())
                    .isEqualTo("urn:itdesk:problem:invalid-request");
        }
        assertThat(longSummary.json().path("detail").asText()).contains("summary");
        assertThat(fake.exchanges("POST", SD + "/request")).isEmpty();
    }

    @Test
    void jiraUnavailableIs503WithRetryAfterAndJiraRefusalIs400WithASafeMessage() {
        String token = tokenOf(employee);
        fake.on("POST", SD + "/request").reply(503, Map.of("Retry-After", "30"),
                "{\"errorMessage\":\"Service unavailable\"}");

        Response unavailable = create(token, UUID.randomUUID().toString(), "11001", "LOW", "Hello", null);

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.contentType()).startsWith(PROBLEM_JSON);
        assertThat(unavailable.json().path("type").asText()).isEqualTo("urn:itdesk:problem:dependency-unavailable");
        assertThat(unavailable.header("Retry-After")).contains("30");

        fake.on("POST", SD + "/request").clear().reply(400, Canned.jira("jsm-error-400.json"));
        Response refused = create(token, UUID.randomUUID().toString(), "11001", "LOW", "Hello", null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:itdesk:problem:invalid-request");
        assertThat(refused.json().path("detail").asText()).startsWith("The service desk did not accept the request");
    }

    @Test
    void myRequestsListOnlyTheCallersOwn() {
        issues.add(new Issue("HELP-601", employee.login(), null));
        issues.add(new Issue("HELP-602", colleague.login(), null));
        issues.add(new Issue("HELP-603", employee.login(), specialist.login()));

        Response mine = bot.get(API + "/mine", tokenOf(employee));

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("items")).extracting(i -> i.path("key").asText())
                .containsExactly("HELP-601", "HELP-603");
        JsonNode first = mine.json().path("items").get(0);
        assertThat(first.path("status").asText()).isEqualTo("Waiting for support");
        assertThat(first.path("priority").asText()).isEqualTo("HIGH");
        assertThat(first.path("webLink").asText()).endsWith("/browse/HELP-601");
        assertThat(lastJql()).isEqualTo("project = \"HELP\" AND reporter = \"" + employee.login()
                + "\" ORDER BY created DESC");
    }

    @Test
    void pagesCarryAnOpaqueCursorBackToJira() {
        for (int i = 0; i < 25; i++) {
            issues.add(new Issue("HELP-" + (700 + i), employee.login(), null));
        }
        String token = tokenOf(employee);

        Response first = bot.get(API + "/mine", token);
        String cursor = first.json().path("nextCursor").asText();
        Response second = bot.get(API + "/mine?cursor=" + cursor, token);

        assertThat(first.json().path("items")).hasSize(20);
        assertThat(second.json().path("items")).hasSize(5);
        assertThat(second.json().path("nextCursor").isNull()).isTrue();
        List<Exchange> searches = fake.exchanges("POST", SEARCH);
        assertThat(searches.get(searches.size() - 1).json().path("startAt").asInt()).isEqualTo(20);
        assertThat(bot.get(API + "/mine?cursor=%27%22", token).status()).isEqualTo(400);
    }

    @Test
    void detailOfSomeoneElsesRequestIsAnswered404LikeAMissingOneAndAudited() {
        issues.add(new Issue("HELP-801", colleague.login(), null));
        String token = tokenOf(employee);

        try (AuditLines audit = AuditLines.start()) {
            Response others = bot.get(API + "/HELP-801", token);
            Response missing = bot.get(API + "/HELP-899", token);

            assertThat(others.status()).isEqualTo(404);
            assertThat(others.contentType()).startsWith(PROBLEM_JSON);
            assertThat(others.json().path("type").asText()).isEqualTo("urn:itdesk:problem:not-found");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(others.json().path("detail")).isEqualTo(missing.json().path("detail"));
            assertThat(audit.lines()).anyMatch(l -> l.contains("event=request action=detail outcome=DENIED")
                    && l.contains("employee=" + employee.employeeId()) && l.contains("key=HELP-801"));
        }
        assertThat(fake.exchanges("GET", SD + "/request/HELP-801")).isEmpty();
    }

    @Test
    void detailOfOwnRequestHasDescriptionPeopleAndPublicComments() {
        issues.add(new Issue("HELP-42", employee.login(), specialist.login()));
        fake.on("GET", SD + "/request/HELP-42").reply(200, Canned.jira("request-expanded.json"));
        fake.on("GET", SD + "/request/HELP-42/comment").reply(200, Canned.jira("comment-page.json"));

        Response detail = bot.get(API + "/HELP-42", tokenOf(employee));

        assertThat(detail.status()).isEqualTo(200);
        JsonNode d = detail.json();
        assertThat(d.path("key").asText()).isEqualTo("HELP-42");
        assertThat(d.path("reporterName").asText()).isEqualTo(employee.latinName());
        assertThat(d.path("assigneeName").asText()).isEqualTo(specialist.latinName());
        assertThat(d.path("webLink").asText()).endsWith("/portal/1/HELP-42");
        assertThat(d.path("comments")).extracting(c -> c.path("author").asText())
                .containsExactly("Ihor Shevchenko", "Olena Kovalenko");
        assertThat(d.path("comments").get(0).path("body").asText()).startsWith("Please restart");
    }

    @Test
    void aSpecialistSeesTheRequestsAssignedToThemAndAnEmployeeMayNotAsk() {
        issues.add(new Issue("HELP-901", employee.login(), specialist.login()));
        issues.add(new Issue("HELP-902", colleague.login(), "someone.else"));
        String token = tokenOf(specialist);

        Response assigned = bot.get(API + "/assigned", token);

        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.json().path("items")).extracting(i -> i.path("key").asText())
                .containsExactly("HELP-901");
        assertThat(lastJql()).isEqualTo("project = \"HELP\" AND assignee in (\"" + specialist.login()
                + "\") ORDER BY created DESC");
        fake.on("GET", SD + "/request/HELP-901").reply(200, Canned.jira("request-expanded.json"));
        fake.on("GET", SD + "/request/HELP-901/comment").reply(200, Canned.jira("comment-page.json"));
        assertThat(bot.get(API + "/HELP-901", token).status()).isEqualTo(200);
        assertThat(bot.get(API + "/HELP-902", token).status()).isEqualTo(404);

        Response employeeAsks = bot.get(API + "/assigned", tokenOf(employee));
        assertThat(employeeAsks.status()).isEqualTo(403);
        assertThat(employeeAsks.json().path("type").asText()).isEqualTo("urn:itdesk:problem:forbidden");
    }

    @Test
    void commentsOnOwnRequestButNotOnAnothers() {
        issues.add(new Issue("HELP-42", employee.login(), null));
        issues.add(new Issue("HELP-43", colleague.login(), null));
        fake.on("POST", SD + "/request/HELP-42/comment").reply(201, Canned.jira("comment.json"));
        String token = tokenOf(employee);

        Response own = bot.post(API + "/HELP-42/comments", token, "{\"body\":\"Still broken\\u0007\"}");
        Response others = bot.post(API + "/HELP-43/comments", token, "{\"body\":\"Hello\"}");
        Response empty = bot.post(API + "/HELP-42/comments", token, "{\"body\":\"\"}");

        assertThat(own.status()).isEqualTo(200);
        assertThat(fake.exchanges("POST", SD + "/request/HELP-42/comment").get(0).json().path("body").asText())
                .isEqualTo("Still broken");
        assertThat(others.status()).isEqualTo(404);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(fake.exchanges("POST", SD + "/request/HELP-43/comment")).isEmpty();
    }

    @Test
    void invalidKeysAreRefusedBeforeJira() {
        String token = tokenOf(employee);
        int before = fake.exchanges().size();

        for (String key : List.of("help-1", "HELP-1%22%20OR%20reporter%20is%20not%20EMPTY", "HELP", "1-HELP")) {
            Response refused = bot.get(API + "/" + key, token);
            assertThat(refused.status()).as(key).isEqualTo(400);
            assertThat(refused.json().path("type").asText()).isEqualTo("urn:itdesk:problem:invalid-request");
        }
        assertThat(fake.exchanges()).hasSize(before);
    }

    @Test
    void knowledgeSearchSendsTheTextOnlyToTheKnowledgeBase() {
        fake.on("GET", SD + "/servicedesk/10/knowledgebase/article").reply(200, Canned.jira("article-page.json"));
        String text = "VPN 809\" OR reporter is not EMPTY";

        Response found = bot.get(API + "/knowledge?query=" + URLEncoder.encode(text, StandardCharsets.UTF_8),
                tokenOf(employee));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().size()).isBetween(1, 3);
        assertThat(found.json().get(0).path("title").asText()).isEqualTo("VPN error 809");
        Exchange kb = fake.exchanges("GET", SD + "/servicedesk/10/knowledgebase/article").get(0);
        assertThat(kb.param("query")).isEqualTo(text);
        assertThat(kb.param("limit")).isEqualTo("3");
        assertThat(fake.exchanges("POST", SEARCH)).isEmpty();
    }

    @Test
    void noCallWithoutAToken() {
        for (String path : List.of(API + "/mine", API + "/categories", API + "/HELP-1")) {
            Response refused = bot.get(path, null);
            assertThat(refused.status()).as(path).isEqualTo(401);
            assertThat(refused.contentType()).startsWith(PROBLEM_JSON);
        }
        assertThat(bot.post(API, null, body("11001", "LOW", "Hello", null)).status()).isEqualTo(401);
        assertThat(fake.exchanges("POST", SD + "/request")).isEmpty();
    }

    // ---- helpers ----

    private String tokenOf(SeedPerson person) {
        Response login = bot.verify(person.telegramUserId(), person.e164());
        assertThat(login.status()).as("login of " + person.employeeId()).isEqualTo(200);
        return login.token();
    }

    private Response create(String token, String idempotencyKey, String category, String priority, String summary,
            String description) {
        return bot.send(bot.request(API, token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        body(category, priority, summary, description))));
    }

    private static String body(String category, String priority, String summary, String description) {
        ObjectNode body = JSON.createObjectNode().put("categoryId", category).put("priority", priority)
                .put("summary", summary);
        if (description != null) {
            body.put("description", description);
        }
        return body.toString();
    }

    private String lastJql() {
        List<Exchange> searches = fake.exchanges("POST", SEARCH);
        return searches.get(searches.size() - 1).json().path("jql").asText();
    }

    /** Data Center's user search: the seeded person whose mail is the query, their login as user name. */
    private String usersByEmail(Exchange exchange) {
        String query = exchange.param("username");
        ArrayNode users = JSON.createArrayNode();
        SeedPeople.all().stream().filter(p -> p.mail() != null && p.mail().equalsIgnoreCase(query))
                .forEach(p -> users.add(user(p.login())));
        return users.toString();
    }

    /** Data Center's search over {@link #issues}, understanding the clauses the agent writes. */
    private String search(Exchange exchange) {
        JsonNode request = exchange.json();
        String jql = request.path("jql").asText();
        int startAt = request.path("startAt").asInt();
        int max = request.path("maxResults").asInt(50);
        List<Issue> matching = issues.stream()
                .filter(i -> matches(KEY_CLAUSE, jql, i.key()))
                .filter(i -> matches(REPORTER_CLAUSE, jql, i.reporter()))
                .filter(i -> matches(ASSIGNEE_CLAUSE, jql, i.assignee()))
                .toList();
        ObjectNode page = JSON.createObjectNode().put("startAt", startAt).put("maxResults", max)
                .put("total", matching.size());
        ArrayNode found = page.putArray("issues");
        matching.stream().skip(startAt).limit(max).forEach(i -> found.add(issue(i)));
        return page.toString();
    }

    private static boolean matches(Pattern clause, String jql, String value) {
        Matcher m = clause.matcher(jql);
        return !m.find() || m.group(1).equals(value);
    }

    private static ObjectNode issue(Issue issue) {
        ObjectNode node = JSON.createObjectNode().put("id", "2" + issue.key().replaceAll("\\D", ""))
                .put("key", issue.key());
        ObjectNode fields = node.putObject("fields");
        fields.put("summary", "Request " + issue.key());
        ObjectNode status = fields.putObject("status").put("id", "10001").put("name", "Waiting for support");
        status.putObject("statusCategory").put("id", 2).put("key", "new").put("name", "To Do");
        fields.putObject("priority").put("id", "2").put("name", "High");
        if (issue.assignee() == null) {
            fields.putNull("assignee");
        } else {
            fields.set("assignee", user(issue.assignee()));
        }
        fields.set("reporter", user(issue.reporter()));
        fields.put("created", "2026-01-01T12:00:00.000+0200");
        fields.put("updated", "2026-01-01T12:00:00.000+0200");
        fields.putNull("resolutiondate");
        return node;
    }

    private static ObjectNode user(String login) {
        SeedPerson person = SeedPeople.all().stream().filter(p -> p.login().equals(login)).findFirst().orElse(null);
        ObjectNode user = JSON.createObjectNode().put("name", login).put("key", "JIRAUSER-" + login)
                .put("displayName", person == null ? login : person.latinName()).put("active", true);
        if (person != null && person.mail() != null) {
            user.put("emailAddress", person.mail());
        }
        return user;
    }

    /** An issue of the fake's desk: who reported it, and who it is assigned to (null: nobody). */
    private record Issue(String key, String reporter, String assignee) {
    }
}
