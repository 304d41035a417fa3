package ua.itdesk.agent.consultations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AuditLines;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.contracts.v1.ConsultationsApi;
import ua.itdesk.contracts.v1.RequestsApi;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.pki.Pki;

/**
 * The consultation calls through the real agent, with the bot's certificate, against the sandbox's Jira stand-in
 * (Data Center and Cloud, in the subclasses): the brief read back from the stand-in's data, comments and files
 * found in the stand-in afterwards, and the refusals.
 */
abstract class ConsultationsTests {

    private static final String CONSULTATIONS = "/api/v1/consultations/";
    private static final String PRESENCE = "/api/v1/presence";
    private static final String MARKER = "[Telegram consultation]";
    private static final Duration LOOKBACK = Duration.ofDays(30);
    private static final Map<String, String> PRIORITIES = Map.of("Highest", "CRITICAL", "High", "HIGH",
            "Medium", "MEDIUM", "Low", "LOW");
    private static final AtomicInteger NEXT_ISSUE = new AtomicInteger();

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @Inject
    CircuitBreakerMaintenance breakers;

    private JiraStandIn jira;
    private AgentClient bot;

    @BeforeEach
    void botAndJira() {
        jira = sandbox.jiraStandIn();
        jira.setAvailable(true);
        breakers.reset("jira");
        bot = AgentClient.asBot(agent, sandbox.pki());
    }

    @AfterEach
    void jiraBackAndNobodyOnline() {
        jira.setAvailable(true);
        breakers.reset("jira");
        putPresence(List.of());
    }

    @Test
    void theBriefOfAnOpenRequestHasItsFactsTheRequesterFromTheDirectoryAndTheOnlineSpecialistsBestFirst() {
        JiraRequest request = anOpenRequest();
        SeedPerson reporter = person(request.reporter());
        SeedPerson light = specialist("m.honcharenko");
        SeedPerson heavy = specialist("b.rudenko");
        SeedPerson offline = specialist("k.marchenko");
        Measure lightLoad = measure(light.login());
        Measure heavyLoad = measure(heavy.login());
        // at least as available on every measure and strictly on one: first whatever the weights
        assertThat(lightLoad.active()).isLessThan(heavyLoad.active());
        assertThat(lightLoad.idleSeconds()).isGreaterThanOrEqualTo(heavyLoad.idleSeconds());
        assertThat(lightLoad.resolved()).isLessThanOrEqualTo(heavyLoad.resolved());
        assertThat(putPresence(List.of(heavy.employeeId(), light.employeeId())).status()).isEqualTo(200);

        Response brief = bot.get(CONSULTATIONS + request.key(), null);

        assertThat(brief.status()).as(brief.body()).isEqualTo(200);
        JsonNode b = brief.json();
        assertThat(b.path("key").asText()).isEqualTo(request.key());
        assertThat(b.path("summary").asText()).isEqualTo(request.summary());
        assertThat(b.path("status").asText()).isEqualTo(request.status());
        assertThat(b.path("priority").asText()).isEqualTo(PRIORITIES.get(request.priority()));
        assertThat(b.path("open").asBoolean()).isTrue();
        assertThat(b.path("requesterEmployeeId").asText()).isEqualTo(reporter.employeeId());
        assertThat(b.path("requesterName").asText()).isEqualTo(reporter.fullName());
        assertThat(b.path("requesterDepartment").asText()).isEqualTo(reporter.department());
        assertThat(b.path("rankedSpecialists")).extracting(JsonNode::asText)
                .containsExactly(light.employeeId(), heavy.employeeId()).doesNotContain(offline.employeeId());
    }

    @Test
    void theBriefOfAResolvedRequestIsNotOpenAndWithNobodyOnlineRanksNobody() {
        JiraRequest resolved = jira.requests().stream().filter(r -> r.statusCategory().equals("DONE"))
                .findFirst().orElseThrow();

        Response brief = bot.get(CONSULTATIONS + resolved.key(), null);

        assertThat(brief.status()).as(brief.body()).isEqualTo(200);
        assertThat(brief.json().path("open").asBoolean()).isFalse();
        assertThat(brief.json().path("status").asText()).isEqualTo(resolved.status());
        assertThat(brief.json().path("rankedSpecialists")).isEmpty();
    }

    @Test
    void aKeyOfNoRequestOrOfAnotherProjectIs404AndAudited() {
        try (AuditLines audit = AuditLines.start()) {
            Response missing = bot.get(CONSULTATIONS + jira.projectKey() + "-999999", null);
            Response other = bot.get(CONSULTATIONS + "OTHER-1", null);
            Response comment = postComment("OTHER-1", UUID.randomUUID().toString(), "Hello");

            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
            assertThat(missing.json().path("type").asText()).isEqualTo("urn:itdesk:problem:not-found");
            assertThat(other.status()).isEqualTo(404);
            assertThat(other.json().path("detail").asText()).isEqualTo(missing.json().path("detail").asText());
            assertThat(comment.status()).isEqualTo(404);
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("event=consultation", "action=comment",
                    "outcome=INVALID", "reason=OTHER_PROJECT", "key=OTHER-1"));
        }
    }

    @Test
    void anotherCertificateOfTheSameCaIsRefusedWithAProblemAndWritesNothing() {
        Pki pki = sandbox.pki();
        AgentClient other = AgentClient.withCertificate(agent, pki.otherClientCert(), pki.otherClientKey(),
                pki.caCert());
        JiraRequest request = anOpenRequest();
        int comments = jira.callCount("createRequestComment");
        try (AuditLines audit = AuditLines.start()) {
            Response brief = other.get(CONSULTATIONS + request.key(), null);
            Response comment = other.send(commentRequest(request.key(), UUID.randomUUID().toString(), "Sneaky"));

            assertThat(brief.status()).isEqualTo(403);
            assertThat(brief.contentType()).startsWith("application/problem+json");
            assertThat(brief.json().path("type").asText()).isEqualTo("urn:itdesk:problem:forbidden");
            assertThat(comment.status()).isEqualTo(403);
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("event=service-call",
                    "path=/api/v1/consultations/" + request.key(), "certificate=other-service"));
        }
        assertThat(jira.callCount("createRequestComment")).isEqualTo(comments);
    }

    @Test
    void aCommentIsPostedPubliclyUnderTheMarkerWithoutControlCharactersAndAuditedWithoutItsText() {
        JiraRequest request = anOpenRequest();
        String text = "Olena: the printer shows E-04\u0007 again\nSpecialist: " + UUID.randomUUID();
        try (AuditLines audit = AuditLines.start()) {
            Response added = postComment(request.key(), UUID.randomUUID().toString(), text);

            assertThat(added.status()).as(added.body()).isEqualTo(200);
            JiraRequest.Comment inJira = commentsWith(request.key(), text.replace("\u0007", "")).get(0);
            assertThat(inJira.body()).isEqualTo(MARKER + "\n" + text.replace("\u0007", ""));
            assertThat(inJira.isPublic()).isTrue();
            assertThat(inJira.author()).isEqualTo(jira.serviceAccount());
            assertThat(added.json().path("id").asText()).isEqualTo(inJira.id());
            assertThat(added.json().path("body").asText()).isEqualTo(inJira.body());
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("event=consultation", "action=comment",
                    "outcome=SUCCESS", "key=" + request.key()));
            assertThat(audit.lines()).noneSatisfy(l -> assertThat(l).contains("printer"));
        }
    }

    @Test
    void theSameIdempotencyKeyWritesOneCommentAlsoWhenSentTwiceAtOnce() {
        JiraRequest request = anOpenRequest();
        String text = "Thanks, it works now " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> postComment(request.key(), key, text));
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> postComment(request.key(), key, text));
        Response third = postComment(request.key(), key, text);
        Response otherBody = postComment(request.key(), key, text + " (edited)");

        assertThat(List.of(first.join(), second.join(), third)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200))
                .extracting(r -> r.json().path("id").asText()).containsOnly(first.join().json().path("id").asText());
        assertThat(commentsWith(request.key(), text)).hasSize(1);
        assertThat(otherBody.status()).isEqualTo(400);
    }

    @Test
    void aFileLandsInTheRequestOnceAsAnAttachment() {
        JiraRequest request = anOpenRequest();
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 2048);
        String name = "screen-" + UUID.randomUUID() + ".png";
        String key = UUID.randomUUID().toString();

        Response attached = postFile(request.key(), key, name, "image/png", png);
        Response again = postFile(request.key(), key, name, "image/png", png);

        assertThat(attached.status()).as(attached.body()).isEqualTo(200);
        assertThat(attached.json().path("fileName").asText()).isEqualTo(name);
        assertThat(attached.json().path("size").asLong()).isEqualTo(png.length);
        assertThat(again.json()).isEqualTo(attached.json());
        List<JiraRequest.Attachment> files = jira.request(request.key()).orElseThrow().attachments().stream()
                .filter(a -> a.filename().equals(name)).toList();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).content()).isEqualTo(png);
        assertThat(files.get(0).mimeType()).isEqualTo("image/png");
    }

    @Test
    void anOversizedFileIs413AndAnUnsupportedTypeIs415AndNeitherReachesJira() {
        JiraRequest request = anOpenRequest();
        int uploads = jira.callCount("attachTemporaryFile");

        Response big = postFile(request.key(), UUID.randomUUID().toString(), "big.pdf", "application/pdf",
                new byte[(int) RequestsApi.MAX_ATTACHMENT_BYTES + 1]);
        Response exe = postFile(request.key(), UUID.randomUUID().toString(), "setup.exe",
                "application/x-msdownload", new byte[] {'M', 'Z'});

        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().path("type").asText()).isEqualTo("urn:itdesk:problem:payload-too-large");
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exe.json().path("type").asText()).isEqualTo("urn:itdesk:problem:unsupported-media-type");
        assertThat(jira.callCount("attachTemporaryFile")).isEqualTo(uploads);
    }

    @Test
    void jiraDownIs503WithRetryAfterAndTheRetryWithTheSameKeyWritesOnce() {
        JiraRequest request = anOpenRequest();
        String text = "Written while Jira was down " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        jira.setAvailable(false);

        Response brief = bot.get(CONSULTATIONS + request.key(), null);
        Response comment = postComment(request.key(), key, text);

        assertThat(List.of(brief, comment)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("type").asText()).isEqualTo("urn:itdesk:problem:dependency-unavailable");
            assertThat(r.header("Retry-After")).isPresent();
        });
        jira.setAvailable(true);
        breakers.reset("jira");
        assertThat(postComment(request.key(), key, text).status()).isEqualTo(200);
        assertThat(commentsWith(request.key(), text)).hasSize(1);
    }

    @Test
    void aRetryAfterABrokenAnswerReturnsTheCommentJiraWroteAllTheSameAndWritesOnceIfItWroteNone() {
        JiraRequest request = anOpenRequest();
        String written = "Written before the answer broke " + UUID.randomUUID();
        String notWritten = "Not written at all " + UUID.randomUUID();
        String firstKey = UUID.randomUUID().toString();
        String secondKey = UUID.randomUUID().toString();

        jira.failNext(502, 1, null, "createRequestComment");
        assertThat(postComment(request.key(), firstKey, written).status()).isEqualTo(503);
        // what a 502 from a proxy in front of Jira leaves open: Jira did write the comment
        jira.addComment(request.key(), jira.serviceAccount(), ConsultationsApi.COMMENT_MARKER + "\n" + written, true);
        Response found;
        try (AuditLines audit = AuditLines.start()) {
            found = postComment(request.key(), firstKey, written);
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("event=consultation", "action=comment",
                    "reason=FOUND_AFTER_LOST_ANSWER"));
        }
        jira.failNext(502, 1, null, "createRequestComment");
        assertThat(postComment(request.key(), secondKey, notWritten).status()).isEqualTo(503);
        Response retried = postComment(request.key(), secondKey, notWritten);

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(commentsWith(request.key(), written)).hasSize(1).first()
                .satisfies(c -> assertThat(found.json().path("id").asText()).isEqualTo(c.id()));
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(commentsWith(request.key(), notWritten)).hasSize(1);
    }

    // ---- helpers ----

    /** A different open request for each test, so that tests do not share one. */
    private JiraRequest anOpenRequest() {
        List<JiraRequest> open = jira.requests().stream().filter(r -> !r.statusCategory().equals("DONE"))
                .filter(r -> r.key().startsWith(jira.projectKey() + "-"))
                .filter(r -> SeedPeople.all().stream().anyMatch(p -> login(p).equals(r.reporter())))
                .toList();
        assertThat(open).as("open requests in the stand-in's history").isNotEmpty();
        return open.get(NEXT_ISSUE.getAndIncrement() % open.size());
    }

    private List<JiraRequest.Comment> commentsWith(String key, String text) {
        return jira.request(key).orElseThrow().comments().stream().filter(c -> c.body().contains(text)).toList();
    }

    private Response postComment(String key, String idempotencyKey, String text) {
        return bot.send(commentRequest(key, idempotencyKey, text));
    }

    private HttpRequest.Builder commentRequest(String key, String idempotencyKey, String text) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("body", text);
        return bot.request(CONSULTATIONS + key + "/comments", null).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private Response postFile(String key, String idempotencyKey, String name, String type, byte[] content) {
        return bot.send(bot.request(CONSULTATIONS + key + "/attachments", null).header("Content-Type", type)
                .header("Idempotency-Key", idempotencyKey).header("X-Attachment-Name", name)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    private Response putPresence(List<String> ids) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ids.forEach(body.putArray("onlineEmployeeIds")::add);
        return bot.send(bot.request(PRESENCE, null).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /**
     * T3's measures of a specialist as the stand-in's requests stand (docs/assignment.md): active = assigned and not
     * done; idle = since the last resolution within the look-back, else the look-back; resolved = since Monday
     * 00:00 in the stand-in's zone.
     */
    private Measure measure(String login) {
        Instant now = Instant.now();
        ZoneId zone = jira.options().zone();
        Instant periodStart = now.atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
        List<JiraRequest> theirs = jira.requests().stream().filter(r -> login.equals(r.assignee())).toList();
        int active = (int) theirs.stream().filter(r -> !r.statusCategory().equals("DONE")).count();
        long idle = theirs.stream().map(JiraRequest::resolved).filter(Objects::nonNull)
                .filter(t -> t.isAfter(now.minus(LOOKBACK))).max(Comparator.naturalOrder())
                .map(t -> Duration.between(t, now)).orElse(LOOKBACK).toSeconds();
        int resolved = (int) theirs.stream().map(JiraRequest::resolved).filter(Objects::nonNull)
                .filter(t -> !t.isBefore(periodStart)).count();
        return new Measure(active, idle, resolved);
    }

    private static SeedPerson specialist(String login) {
        return SeedPeople.withRole("specialist").stream().filter(p -> p.login().equals(login)).findFirst()
                .orElseThrow();
    }

    private static SeedPerson person(String login) {
        return SeedPeople.all().stream().filter(p -> login(p).equals(login)).findFirst().orElseThrow();
    }

    private static String login(SeedPerson p) {
        return p.login().toLowerCase(Locale.ROOT);
    }

    private record Measure(int active, long idleSeconds, int resolved) {
    }
}
