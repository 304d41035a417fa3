package ua.itdesk.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.AuditLines;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.jira.WebhookDelivery;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.pki.Pki;

/**
 * Jira Data Center's webhooks, end to end: the sandbox's Jira stand-in changes a request (as a specialist would,
 * through its control side), sends the signed webhooks it sends for that to the agent's webhook listener, and the
 * events appear on the bot's long poll, named by employee id. Also the refusals of the listener, reconciliation,
 * and the certificate gate of the service calls.
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_STAND_IN_DATA_CENTER))
class JiraWebhookEventsTests {

    private static final String EVENTS = "/api/v1/events";
    private static final AtomicInteger NEXT_ISSUE = new AtomicInteger();

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @Inject
    CircuitBreakerMaintenance breakers;

    private JiraStandIn jira;
    private AgentClient bot;
    private final SeedPerson specialist = SeedPeople.withRole("specialist").get(0);
    private final SeedPerson otherSpecialist = SeedPeople.withRole("specialist").get(1);

    @BeforeEach
    void setUp() {
        jira = sandbox.jiraStandIn();
        jira.setAvailable(true);
        breakers.reset("jira");
        bot = AgentClient.asBot(agent, sandbox.pki());
    }

    @AfterEach
    void jiraBackUp() {
        jira.setAvailable(true);
    }

    @Test
    void aStatusChangeAPublicCommentAndAnAssignmentReachTheBotAndAnInternalNoteDoesNot() {
        JiraRequest request = anOpenRequest();
        SeedPerson reporter = person(request.reporter());
        String cursor = bot.get(EVENTS, null).json().path("cursor").asText();

        jira.changeStatus(request.key(), "In Progress", login(specialist));
        jira.addComment(request.key(), login(specialist), "Internal: check the warranty first", false);
        jira.addPublicComment(request.key(), login(specialist), "We are on it.");
        jira.assign(request.key(), login(otherSpecialist), login(specialist));
        assertThat(jira.awaitWebhooks(Duration.ofSeconds(20))).isTrue();

        List<JsonNode> events = collect(cursor, request.key(), 3);
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("STATUS_CHANGED", "COMMENT_ADDED", "ASSIGNED");
        JsonNode status = events.get(0);
        assertThat(status.path("status").asText()).isEqualTo("In Progress");
        assertThat(status.path("id").asText()).startsWith(request.key() + ":status:In Progress:");
        assertThat(status.path("reporterEmployeeId").asText()).isEqualTo(reporter.employeeId());
        assertThat(status.path("summary").asText()).isEqualTo(request.summary());
        assertThat(status.path("webLink").asText()).endsWith("/browse/" + request.key());
        JsonNode comment = events.get(1);
        String commentId = jira.request(request.key()).orElseThrow().comments().stream()
                .filter(c -> c.body().equals("We are on it.")).findFirst().orElseThrow().id();
        assertThat(comment.path("id").asText()).isEqualTo(request.key() + ":comment:" + commentId);
        assertThat(comment.path("comment").path("body").asText()).isEqualTo("We are on it.");
        assertThat(comment.path("comment").path("id").asText()).isEqualTo(commentId);
        assertThat(comment.path("authorEmployeeId").asText()).isEqualTo(specialist.employeeId());
        JsonNode assigned = events.get(2);
        assertThat(assigned.path("assigneeEmployeeId").asText()).isEqualTo(otherSpecialist.employeeId());
        assertThat(assigned.path("assigneeName").asText()).isEqualTo(otherSpecialist.fullName());
        assertThat(assigned.path("id").asText()).startsWith(request.key() + ":assignee:"
                + otherSpecialist.employeeId() + ":");
        assertThat(events.toString()).doesNotContain("warranty");
    }

    @Test
    void aCommentTheAgentWroteForAnEmployeeNamesThatEmployeeAsItsAuthor() {
        Management.awaitPhoneIndex(readiness);
        JiraRequest request = anOpenRequest();
        SeedPerson reporter = person(request.reporter());
        String token = bot.verify(reporter.telegramUserId(), reporter.e164()).token();
        String cursor = bot.get(EVENTS, null).json().path("cursor").asText();

        Response added = bot.post("/api/v1/requests/" + request.key() + "/comments", token,
                "{\"body\":\"Still broken after the restart\"}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(jira.awaitWebhooks(Duration.ofSeconds(20))).isTrue();

        JsonNode comment = collect(cursor, request.key(), 1).get(0);
        assertThat(comment.path("type").asText()).isEqualTo("COMMENT_ADDED");
        assertThat(comment.path("comment").path("id").asText()).isEqualTo(added.json().path("id").asText());
        assertThat(comment.path("authorEmployeeId").asText()).isEqualTo(reporter.employeeId());
    }

    @Test
    void aWebhookWithABadOrMissingSignatureIsRefusedAndAudited() throws Exception {
        byte[] body = otherProjectComment();
        try (AuditLines audit = AuditLines.start()) {
            HttpResponse<String> forged = postWebhook(body, "sha256=" + "0".repeat(64), "forged-1");
            HttpResponse<String> unsigned = postWebhook(body, null, "unsigned-1");

            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("event=jira-webhook",
                    "outcome=UNAUTHENTICATED", "reason=BAD_SIGNATURE", "delivery=forged-1"));
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("event=jira-webhook",
                    "reason=UNSIGNED", "delivery=unsigned-1"));
        }
    }

    @Test
    void aReplayedDeliveryIsIgnoredAndAudited() throws Exception {
        JiraRequest request = anOpenRequest();
        String cursor = bot.get(EVENTS, null).json().path("cursor").asText();
        jira.addPublicComment(request.key(), login(specialist), "Replay me if you can");
        assertThat(jira.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        assertThat(collect(cursor, request.key(), 1)).hasSize(1);
        WebhookDelivery delivered = jira.webhookDeliveries().stream()
                .filter(d -> d.body().contains("Replay me if you can")).findFirst().orElseThrow();
        byte[] body = delivered.body().getBytes(StandardCharsets.UTF_8);
        String after = bot.get(EVENTS + "?cursor=" + cursor, null).json().path("cursor").asText();

        try (AuditLines audit = AuditLines.start()) {
            HttpResponse<String> sameId = postWebhook(body, sign(body), delivered.identifier());
            HttpResponse<String> otherId = postWebhook(body, sign(body), "fresh-" + UUID.randomUUID());

            assertThat(sameId.statusCode()).isEqualTo(200);
            assertThat(otherId.statusCode()).isEqualTo(200);
            assertThat(audit.lines()).filteredOn(l -> l.contains("event=jira-webhook") && l.contains("REPLAYED"))
                    .hasSize(2);
        }
        assertThat(bot.get(EVENTS + "?cursor=" + after, null).json().path("events")).isEmpty();
    }

    @Test
    void aDeliveryStampedBeforeTheReplayWindowIsIgnored() throws Exception {
        byte[] body = ("{\"timestamp\":" + Instant.now().minus(Duration.ofHours(2)).toEpochMilli()
                + ",\"webhookEvent\":\"comment_created\"}").getBytes(StandardCharsets.UTF_8);
        try (AuditLines audit = AuditLines.start()) {
            assertThat(postWebhook(body, sign(body), "old-1").statusCode()).isEqualTo(200);
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("reason=STALE", "delivery=old-1"));
        }
    }

    @Test
    void aSignedWebhookOfAnotherProjectIsTakenWithoutAnEvent() throws Exception {
        byte[] body = otherProjectComment();
        String cursor = bot.get(EVENTS, null).json().path("cursor").asText();

        assertThat(postWebhook(body, sign(body), "other-" + UUID.randomUUID()).statusCode()).isEqualTo(204);
        assertThat(bot.get(EVENTS + "?cursor=" + cursor, null).json().path("events")).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        byte[] body = ("{\"webhookEvent\":\"comment_created\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (AuditLines audit = AuditLines.start()) {
            assertThat(postWebhook(body, sign(body), "big-1").statusCode()).isEqualTo(413);
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("reason=TOO_LARGE"));
        }
    }

    @Test
    void reconciliationReportsTheCurrentStateAndThePublicCommentsSinceThen() {
        JiraRequest request = anOpenRequest();
        Instant since = Instant.now().minusSeconds(1);
        String cursor = bot.get(EVENTS, null).json().path("cursor").asText();
        jira.dropNextWebhooks(1);
        jira.changeStatus(request.key(), "Waiting for customer", login(specialist));
        jira.addComment(request.key(), login(specialist), "Internal: nobody tell them", false);
        jira.addPublicComment(request.key(), login(specialist), "Could you send a photo?");
        jira.assign(request.key(), login(specialist), login(specialist));
        assertThat(jira.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        List<JsonNode> live = collect(cursor, request.key(), 2);

        Response changes = bot.post(EVENTS + "/changes", null, "{\"since\":\"" + since + "\",\"keys\":[\""
                + request.key() + "\",\"ITS-999999\",\"OTHER-1\"]}");

        assertThat(changes.status()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        changes.json().forEach(events::add);
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("STATUS_CHANGED", "ASSIGNED", "COMMENT_ADDED");
        assertThat(events).allSatisfy(e -> assertThat(e.path("key").asText()).isEqualTo(request.key()));
        assertThat(events.get(0).path("status").asText()).isEqualTo("Waiting for customer");
        assertThat(events.get(1).path("assigneeEmployeeId").asText()).isEqualTo(specialist.employeeId());
        assertThat(events.get(2).path("comment").path("body").asText()).isEqualTo("Could you send a photo?");
        // the status webhook was lost; the comment's event has the same id both ways
        assertThat(live).extracting(e -> e.path("type").asText()).doesNotContain("STATUS_CHANGED");
        JsonNode liveComment = live.stream().filter(e -> e.path("type").asText().equals("COMMENT_ADDED"))
                .findFirst().orElseThrow();
        assertThat(events.get(2).path("id").asText()).isEqualTo(liveComment.path("id").asText());
        assertThat(changes.body()).doesNotContain("nobody tell them");
    }

    @Test
    void reconciliationWhileJiraIsDownIs503WithRetryAfter() {
        jira.setAvailable(false);

        Response changes = bot.post(EVENTS + "/changes", null, "{\"since\":\"" + Instant.now() + "\",\"keys\":"
                + "[\"ITS-1\"]}");

        assertThat(changes.status()).isEqualTo(503);
        assertThat(changes.contentType()).startsWith("application/problem+json");
        assertThat(changes.header("Retry-After")).isPresent();
    }

    @Test
    void reconciliationRefusesKeysThatAreNotKeys() {
        Response changes = bot.post(EVENTS + "/changes", null, "{\"since\":\"" + Instant.now() + "\",\"keys\":"
                + "[\"ITS-1\\\" OR project = X\"]}");

        assertThat(changes.status()).isEqualTo(400);
    }

    @Test
    void theBotsCertificateIsLetThroughWithoutAToken() {
        Response events = bot.get(EVENTS + "?waitSeconds=0", null);

        assertThat(events.status()).isEqualTo(200);
        assertThat(events.json().path("cursor").asText()).matches("[0-9a-f]+\\.[0-9]+");
        assertThat(events.json().path("reset").asBoolean()).isFalse();
    }

    @Test
    void anotherCertificateOfTheSameCaIsRefusedWithAProblem() {
        Pki pki = sandbox.pki();
        AgentClient other = AgentClient.withCertificate(agent, pki.otherClientCert(), pki.otherClientKey(),
                pki.caCert());
        try (AuditLines audit = AuditLines.start()) {
            Response events = other.get(EVENTS, null);
            Response changes = other.post(EVENTS + "/changes", null, "{\"since\":\"" + Instant.now()
                    + "\",\"keys\":[\"ITS-1\"]}");

            assertThat(events.status()).isEqualTo(403);
            assertThat(events.contentType()).startsWith("application/problem+json");
            assertThat(events.json().path("type").asText()).isEqualTo("urn:itdesk:problem:forbidden");
            assertThat(changes.status()).isEqualTo(403);
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("event=service-call",
                    "certificate=other-service"));
        }
    }

    @Test
    void theLongPollWaitsForTheNextEvent() {
        JiraRequest request = anOpenRequest();
        String cursor = bot.get(EVENTS, null).json().path("cursor").asText();
        Thread change = new Thread(() -> {
            sleep(500);
            jira.addPublicComment(request.key(), login(specialist), "Ping while you wait");
        });
        change.start();

        long began = System.nanoTime();
        Response poll = bot.get(EVENTS + "?waitSeconds=15&cursor=" + cursor, null);

        assertThat(poll.json().path("events")).isNotEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(400))
                .isLessThan(Duration.ofSeconds(10));
    }

    // ---- helpers

    /** A different open request of a reporter who can log in for each test, so tests do not share one. */
    private JiraRequest anOpenRequest() {
        Predicate<JiraRequest> usable = r -> !r.statusCategory().equals("DONE") && SeedPeople.all().stream()
                .anyMatch(p -> login(p).equals(r.reporter()) && p.canLogIn());
        List<JiraRequest> open = jira.requests().stream().filter(usable).toList();
        assertThat(open).as("open requests in the stand-in's history").isNotEmpty();
        return open.get(NEXT_ISSUE.getAndIncrement() % open.size());
    }

    /** Polls from {@code cursor} until {@code count} events of {@code key} have come, at most 20 s. */
    private List<JsonNode> collect(String cursor, String key, int count) {
        List<JsonNode> found = new ArrayList<>();
        String at = cursor;
        Instant deadline = Instant.now().plusSeconds(20);
        while (found.size() < count && Instant.now().isBefore(deadline)) {
            JsonNode batch = bot.get(EVENTS + "?waitSeconds=2&cursor=" + at, null).json();
            assertThat(batch.path("reset").asBoolean()).isFalse();
            batch.path("events").forEach(e -> {
                if (e.path("key").asText().equals(key)) {
                    found.add(e);
                }
            });
            at = batch.path("cursor").asText();
        }
        return found;
    }

    private static SeedPerson person(String login) {
        return SeedPeople.all().stream().filter(p -> login(p).equals(login)).findFirst().orElseThrow();
    }

    private static String login(SeedPerson p) {
        return p.login().toLowerCase(java.util.Locale.ROOT);
    }

    private static byte[] otherProjectComment() {
        return ("{\"timestamp\":" + System.currentTimeMillis() + ",\"webhookEvent\":\"comment_created\","
                + "\"comment\":{\"id\":\"1\",\"body\":\"x\",\"jsdPublic\":true},"
                + "\"issue\":{\"id\":\"1\",\"key\":\"OTHER-1\",\"fields\":{\"summary\":\"x\"}},\"n\":\""
                + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private String sign(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sandbox.jiraWebhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** As Jira posts: HTTPS to the webhook listener, trusting the deployment CA, no client certificate. */
    private HttpResponse<String> postWebhook(byte[] body, String signature, String deliveryId) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(Pki.sslContext(null, null, sandbox.pki().caCert()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(sandbox.jiraWebhook()).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("X-Atlassian-Webhook-Identifier", deliveryId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
