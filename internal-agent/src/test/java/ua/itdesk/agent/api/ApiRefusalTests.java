package ua.itdesk.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.itdesk.agent.testing.Tokens.claimsFor;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.agent.testing.Tokens;
import ua.itdesk.contracts.v1.RequestsApi;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.pki.Pki;

/**
 * Every call of the v1 API refuses what it must, as a problem: no token or a bad one (another key, {@code alg: none},
 * changed claims, expired), another person's request (404 like a missing one), the bot's service calls from another
 * certificate (also with a person's token), bodies above their limit (413), malformed JSON (400), another content type
 * (415), invalid values (400), and paths or methods that do not exist. The table of routes is checked against the
 * agent's own OpenAPI document, so a new endpoint without a row here fails {@link #everyRouteTheAgentServesIsInTheTable}.
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_STAND_IN_DATA_CENTER))
class ApiRefusalTests {

    /** Who may make a call: anybody (verification), a person's token, or only the bot's certificate. */
    enum Gate { OPEN, PERSON, SERVICE }

    /** What a call's body is. */
    enum Body { NONE, JSON, FILE }

    /**
     * One route: {@code valid} is a request that passes every check up to the one a test breaks ({KEY} stands for a
     * key the caller may reach where that matters), {@code invalid} one with a bad value (null: the call takes none).
     */
    record Route(String method, String template, Gate gate, Body body, String valid, String invalid) {

        String path(String key) {
            return template.replace("{key}", key);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final String CREATE = "{\"categoryId\":\"{CATEGORY}\",\"priority\":\"LOW\",\"summary\":\"Printer\","
            + "\"description\":\"Out of toner\"}";
    private static final String COMMENT = "{\"body\":\"Any news?\"}";

    static final List<Route> ROUTES = List.of(
            new Route("POST", "/api/v1/auth/verify", Gate.OPEN, Body.JSON,
                    "{\"telegramUserId\":1,\"phoneNumber\":\"+380391234567\"}",
                    "{\"telegramUserId\":1,\"phoneNumber\":\"*)(|(objectClass=*)\"}"),
            new Route("POST", "/api/v1/auth/refresh", Gate.PERSON, Body.NONE, null, null),
            new Route("GET", "/api/v1/auth/me", Gate.PERSON, Body.NONE, null, null),
            new Route("GET", "/api/v1/requests/categories", Gate.PERSON, Body.NONE, null, null),
            new Route("POST", "/api/v1/requests", Gate.PERSON, Body.JSON, CREATE,
                    "{\"categoryId\":\"{CATEGORY}\",\"priority\":\"URGENT\",\"summary\":\"\"}"),
            new Route("GET", "/api/v1/requests/mine", Gate.PERSON, Body.NONE, null, "?cursor=%22%20OR%201%3D1"),
            new Route("GET", "/api/v1/requests/assigned", Gate.PERSON, Body.NONE, null, "?cursor=!!"),
            new Route("GET", "/api/v1/requests/knowledge", Gate.PERSON, Body.NONE, "?query=printer", "?query="),
            new Route("GET", "/api/v1/requests/{key}", Gate.PERSON, Body.NONE, null, null),
            new Route("POST", "/api/v1/requests/{key}/comments", Gate.PERSON, Body.JSON, COMMENT, "{\"body\":\" \"}"),
            new Route("POST", "/api/v1/requests/{key}/attachments", Gate.PERSON, Body.FILE, "hello", null),
            new Route("GET", "/api/v1/events", Gate.SERVICE, Body.NONE, "?waitSeconds=0", "?waitSeconds=99"),
            new Route("POST", "/api/v1/events/changes", Gate.SERVICE, Body.JSON,
                    "{\"since\":\"2026-01-01T00:00:00Z\",\"keys\":[\"{KEY}\"]}",
                    "{\"since\":\"2026-01-01T00:00:00Z\",\"keys\":[\"ITS-1\\\" OR project != \\\"X\"]}"),
            new Route("PUT", "/api/v1/presence", Gate.SERVICE, Body.JSON, "{\"onlineEmployeeIds\":[]}",
                    "{\"onlineEmployeeIds\":[\"*)(employeeID=*\"]}"),
            new Route("GET", "/api/v1/presence", Gate.SERVICE, Body.NONE, null, null),
            new Route("GET", "/api/v1/consultations/{key}", Gate.SERVICE, Body.NONE, null, null),
            new Route("POST", "/api/v1/consultations/{key}/comments", Gate.SERVICE, Body.JSON, COMMENT,
                    "{\"body\":\"\"}"),
            new Route("POST", "/api/v1/consultations/{key}/attachments", Gate.SERVICE, Body.FILE, "hello", null),
            // its bad periods are refused to supervisors only (StatisticsApiTests): others are refused first
            new Route("GET", "/api/v1/statistics/requests", Gate.PERSON, Body.NONE, null, null));

    /** Keys that are not keys: each must be refused before Jira is asked. */
    private static final List<String> BAD_KEYS = List.of("its-1", "ITS-1%22%20OR%20project%20!%3D%20X",
            "ITS-1%29%20OR%20%28key", "..%2F..%2Fsecure", "ITS-");

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/openapi", management = true)
    URI openApi;

    private AgentClient bot;
    private SeedPerson person;
    private String token;
    private String specialistToken;

    @BeforeEach
    void logIn() {
        sandbox.jiraStandIn().setAvailable(true);
        bot = AgentClient.asBot(agent, sandbox.pki());
        person = SeedPeople.anActiveEmployee();
        Response login = bot.verify(person.telegramUserId(), person.e164());
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        token = login.token();
        SeedPerson specialist = SeedPeople.withRole("specialist").get(0);
        specialistToken = bot.verify(specialist.telegramUserId(), specialist.e164()).token();
    }

    @Test
    void everyRouteTheAgentServesIsInTheTable() {
        JsonNode paths = Management.openApi(openApi).path("paths");
        Set<String> served = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(m -> served.add(m.toUpperCase() + " " + path.getKey()));
        }

        Set<String> table = ROUTES.stream().map(Route::toString).collect(Collectors.toCollection(TreeSet::new));
        assertThat(table).isEqualTo(served);
    }

    static Stream<Route> personRoutes() {
        return ROUTES.stream().filter(r -> r.gate() == Gate.PERSON);
    }

    static Stream<Route> serviceRoutes() {
        return ROUTES.stream().filter(r -> r.gate() == Gate.SERVICE);
    }

    static Stream<Route> bodyRoutes() {
        return ROUTES.stream().filter(r -> r.body() != Body.NONE);
    }

    static Stream<Route> jsonRoutes() {
        return ROUTES.stream().filter(r -> r.body() == Body.JSON);
    }

    static Stream<Route> routesWithValues() {
        return ROUTES.stream().filter(r -> r.invalid() != null);
    }

    static Stream<Route> keyRoutes() {
        return ROUTES.stream().filter(r -> r.template().contains("{key}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personRoutes")
    void aPersonsCallWithoutAValidTokenIsA401Problem(Route route) throws Exception {
        String genuine = Tokens.signedWith(claimsFor(person, "supervisor"), sandbox.pki().jwtPrivateKey());
        String expired = Tokens.signedWith(claimsFor(person, "employee").issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)), sandbox.pki().jwtPrivateKey());
        String unsigned = Tokens.withHeader(genuine, Tokens.header(genuine).replace("RS256", "none"));
        String tampered = Tokens.withPayload(token,
                AgentClient.claimsOf(token).toString().replace("\"employee\"", "\"supervisor\""));
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("not a JWT", "not-a-token");
        tokens.put("another key", Tokens.signedWith(claimsFor(person, "supervisor"), foreignKey()));
        tokens.put("alg none", unsigned.substring(0, unsigned.lastIndexOf('.') + 1));
        tokens.put("changed claims", tampered);
        tokens.put("expired", expired);

        for (Map.Entry<String, String> t : tokens.entrySet()) {
            Response response = send(bot, route, route.path(aKeyOfTheCaller()), validBody(route), t.getValue());

            assertProblem(response, 401, "unauthenticated", route + " with token " + t.getKey());
            assertThat(response.header("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceRoutes")
    void aServiceCallFromAnotherCertificateIsA403ProblemEvenWithAPersonsToken(Route route) {
        Pki pki = sandbox.pki();
        AgentClient other = AgentClient.withCertificate(agent, pki.otherClientCert(), pki.otherClientKey(),
                pki.caCert());

        for (String withToken : new String[] {null, token}) {
            Response response = send(other, route, route.path(aKeyOfTheCaller()), validBody(route), withToken);

            assertProblem(response, 403, "forbidden", route + (withToken == null ? "" : " with a person's token"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodyRoutes")
    void aBodyAboveItsLimitIsA413ProblemBeforeItIsRead(Route route) {
        long limit = route.body() == Body.FILE ? RequestsApi.MAX_ATTACHMENT_BYTES : 1_048_576;
        byte[] body = new byte[(int) limit + 1];
        java.util.Arrays.fill(body, (byte) ' ');

        Response response = send(bot, route, route.path(aKeyOfTheCaller()), body, token);

        assertProblem(response, 413, "payload-too-large", route.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonRoutes")
    void malformedJsonIsA400ProblemAndAnotherContentTypeA415Problem(Route route) {
        String path = route.path(aKeyOfTheCaller());
        HttpRequest.Builder broken = request(bot, route, path, token, "application/json", "{\"body\":".getBytes());
        HttpRequest.Builder text = request(bot, route, path, token, "text/plain", validBody(route));

        assertProblem(bot.send(broken), 400, "invalid-request", route + " broken JSON");
        assertProblem(bot.send(text), 415, "unsupported-media-type", route + " as text/plain");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routesWithValues")
    void anInvalidValueIsA400Problem(Route route) {
        String invalid = route.invalid().replace("{CATEGORY}", aCategory());
        boolean query = invalid.startsWith("?");
        String path = route.path(aKeyOfTheCaller()) + (query ? invalid : "");
        byte[] body = query ? validBody(route) : invalid.getBytes();

        // assigned is refused to employees before its parameters are looked at
        Response response = send(bot, route, path, body, route.template().endsWith("/assigned") ? specialistToken : token);

        assertProblem(response, 400, "invalid-request", route + " " + invalid);
        assertThat(response.body()).doesNotContain("objectClass", "employeeID", "project !=", "URGENT");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyRoutes")
    void aKeyThatIsNotAKeyIsA400ProblemBeforeJiraIsAsked(Route route) {
        sandbox.jiraStandIn().resetCallCounts();

        for (String bad : BAD_KEYS) {
            Response response = send(bot, route, route.path(bad), validBody(route), token);

            assertThat(response.status()).as(route + " " + bad).isIn(400, 404);
            assertThat(response.contentType()).as(route + " " + bad).startsWith("application/problem+json");
        }
        assertThat(sandbox.jiraStandIn().totalCalls()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyRoutes")
    void someoneElsesRequestIsA404ProblemLikeOneThatDoesNotExist(Route route) {
        String others = sandbox.jiraStandIn().requests().stream()
                .filter(r -> !r.reporter().equalsIgnoreCase(person.login())).map(JiraRequest::key)
                .findFirst().orElseThrow();
        String missing = sandbox.jiraStandIn().projectKey() + "-999999";

        Response toOthers = send(bot, route, route.path(others), validBody(route), token);
        Response toMissing = send(bot, route, route.path(missing), validBody(route), token);

        if (route.gate() == Gate.SERVICE) {
            // the bot's certificate reaches any request of the desk; only one that does not exist is 404
            assertProblem(toMissing, 404, "not-found", route + " " + missing);
            return;
        }
        assertProblem(toOthers, 404, "not-found", route + " " + others);
        assertProblem(toMissing, 404, "not-found", route + " " + missing);
        assertThat(toOthers.json().path("detail")).isEqualTo(toMissing.json().path("detail"));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        assertProblem(bot.get("/api/v1/ldap/search", token), 404, "not-found", "unknown path with a token");
        assertProblem(bot.get("/api/v1/ldap/search", null), 401, "unauthenticated", "unknown path without a token");
        assertProblem(bot.get("/api/v1/events/raw", null), 404, "not-found", "unknown service path");
        assertProblem(bot.get("/api/v2/requests/mine", token), 404, "not-found", "another version");
        Response delete = bot.send(bot.request("/api/v1/requests/categories", token).DELETE());
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.contentType()).startsWith("application/problem+json");
    }

    // ---- helpers ----

    private Response send(AgentClient client, Route route, String path, byte[] body, String withToken) {
        String type = route.body() == Body.FILE ? "text/plain" : "application/json";
        return client.send(request(client, route, path, withToken, type, body));
    }

    private HttpRequest.Builder request(AgentClient client, Route route, String path, String withToken,
            String contentType, byte[] body) {
        HttpRequest.Builder request = client.request(path, withToken)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Attachment-Name", "note.txt");
        if (route.body() == Body.NONE) {
            return request.method(route.method(), HttpRequest.BodyPublishers.noBody());
        }
        return request.header("Content-Type", contentType)
                .method(route.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private byte[] validBody(Route route) {
        String valid = route.valid() == null || route.valid().startsWith("?") ? "" : route.valid();
        return valid.replace("{CATEGORY}", aCategory()).replace("{KEY}", aKeyOfTheCaller()).getBytes();
    }

    /** A request the logged-in person reported, so that only the check under test can refuse. */
    private String aKeyOfTheCaller() {
        return sandbox.jiraStandIn().requests().stream()
                .filter(r -> r.reporter().equalsIgnoreCase(person.login())).map(JiraRequest::key)
                .findFirst().orElse(sandbox.jiraStandIn().projectKey() + "-1");
    }

    private String aCategory() {
        return sandbox.jiraStandIn().requestTypes().keySet().iterator().next();
    }

    private static Path foreignKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path pem = Files.createTempFile("foreign-jwt", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return pem;
    }

    private static void assertProblem(Response response, int status, String kind, String what) {
        assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).as(what).isEqualTo("urn:itdesk:problem:" + kind);
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(response.body()).as(what).doesNotContain("Exception", "at ua.", "at io.");
    }
}
