package ua.itdesk.agent.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.RequestEvent;
import ua.itdesk.contracts.v1.RequestEventType;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * Assignment after creation through the real agent and the sandbox's seeded Jira stand-in: the bot reports
 * presence with its certificate, an employee files requests, and the assignee is read back from the stand-in. The
 * expected winner is worked out here from the stand-in's data with the formula of docs/assignment.md (default
 * weights), not with the agent's scorer.
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_STAND_IN_DATA_CENTER))
class AutoAssignmentTests {

    private static final String PRESENCE = "/api/v1/presence";
    private static final Duration LOOKBACK = Duration.ofDays(30);
    private static final double WEIGHT_ACTIVE = 1.0;
    private static final double WEIGHT_IDLE = 0.5;
    private static final double WEIGHT_RESOLVED = 0.3;

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URI metrics;

    @Inject
    RequestEventsSeen events;

    @Inject
    AutoAssignment assignment;

    @Inject
    CircuitBreakerMaintenance breakers;

    private JiraStandIn jira;
    private AgentClient bot;
    private final SeedPerson employee = SeedPeople.anActiveEmployee();
    private final List<SeedPerson> specialists = SeedPeople.withRole("specialist");

    @BeforeEach
    void botAndJira() {
        jira = sandbox.jiraStandIn();
        bot = AgentClient.asBot(agent, sandbox.pki());
        Management.awaitPhoneIndex(readiness);
    }

    @AfterEach
    void nothingLeftWaitingAndJiraBack() {
        jira.setAvailable(true);
        jira.failNext(503, 0, null);
        breakers.reset("jira");
        assertThat(assignment.waitingCount()).isZero();
    }

    @Test
    void aNewRequestGoesToTheOnlineSpecialistTheFormulaPicksNeverToAnOfflineOneWhoWouldWin() {
        // the least loaded of the seed stays offline; the other three are online
        SeedPerson offline = specialist("m.honcharenko");
        List<SeedPerson> online = specialists.stream().filter(p -> !p.equals(offline)).toList();
        assertThat(online).hasSize(3);
        String wouldWinAll = expectedWinner(specialists.stream().map(SeedPerson::login).toList());
        String expected = expectedWinner(online.stream().map(SeedPerson::login).toList());
        assertThat(wouldWinAll).as("the offline specialist would win if online").isEqualTo(offline.login());

        double assignedBefore = counted("assigned");

        Response put = putPresence(online.stream().map(SeedPerson::employeeId).toList());
        assertThat(put.status()).isEqualTo(200);
        String key = create(UUID.randomUUID().toString(), "MEDIUM", "Monitor flickers").path("key").asText();

        assertThat(awaitAssignee(key)).isEqualTo(expected).isNotEqualTo(offline.login());
        assertThat(events.about(key)).isEmpty();
        // (not the presence gauge: Micrometer's global registry keeps a gauge bound to the first Quarkus app of
        // this JVM, so across the suite's restarts it shows another app's store)
        await(() -> counted("assigned") > assignedBefore ? Optional.of(true) : Optional.empty(), "a counted assignment");
    }

    @Test
    void nobodyOnlineLeavesTheRequestInTheQueueTellsTheSupervisorsAndTheFirstToComeOnlineGetsIt() {
        assertThat(putPresence(List.of()).json().path("onlineEmployeeIds")).isEmpty();

        String key = create(UUID.randomUUID().toString(), "HIGH", "Printer on floor 3 jams").path("key").asText();

        RequestEvent notice = await(() -> events.about(key).stream().findFirst(), "a no-specialist event");
        assertThat(notice.type()).isEqualTo(RequestEventType.NO_SPECIALIST_AVAILABLE);
        assertThat(notice.id()).isEqualTo(key + ":no-specialist");
        assertThat(notice.summary()).isEqualTo("Printer on floor 3 jams");
        assertThat(notice.priority()).isEqualTo(Priority.HIGH);
        assertThat(notice.reporterEmployeeId()).isEqualTo(employee.employeeId());
        assertThat(notice.webLink()).isEqualTo(jira.webUrl(key));
        assertThat(notice.status()).isNotBlank();
        assertThat(notice.assigneeEmployeeId()).isNull();
        assertThat(notice.comment()).isNull();
        assertThat(jira.request(key).orElseThrow().assignee()).isNull();
        assertThat(assignment.waitingCount()).isEqualTo(1);

        SeedPerson first = specialist("v.savchenko");
        putPresence(List.of(first.employeeId()));

        assertThat(awaitAssignee(key)).isEqualTo(first.login());
        await(() -> assignment.waitingCount() == 0 ? Optional.of(true) : Optional.empty(), "an empty waiting list");
        assertThat(events.about(key)).hasSize(1);
    }

    @Test
    void jiraUnavailableWhileAssigningIsTriedAgainAfterABackOff() {
        String key = waitingRequest("Cannot reach the VPN");
        int searches = jira.callCount("searchForIssuesUsingJqlPost");
        // enough 503s to exhaust the Jira client's own retries of the first call the assignment makes
        jira.failNext(503, 3, null);

        putPresence(List.of(specialist("m.honcharenko").employeeId()));

        assertThat(awaitAssignee(key)).isEqualTo("m.honcharenko");
        assertThat(jira.callCount("searchForIssuesUsingJqlPost") - searches).isGreaterThanOrEqualTo(4);
    }

    @Test
    void jiraDownForLongerThanTheRetriesLeavesTheRequestUnassignedAndCountsIt() {
        String key = waitingRequest("Mailbox full");
        double failedBefore = counted("failed");
        jira.setAvailable(false);

        putPresence(List.of(specialist("k.marchenko").employeeId()));

        await(() -> counted("failed") > failedBefore ? Optional.of(true) : Optional.empty(), "a counted failure");
        assertThat(jira.request(key).orElseThrow().assignee()).isNull();
        assertThat(events.about(key)).hasSize(1); // told once, when nobody was there; not again for Jira's outage
    }

    @Test
    void idsThatAreNotSpecialistsAreIgnored() {
        SeedPerson specialist = specialist("k.marchenko");
        SeedPerson supervisor = SeedPeople.withRole("supervisor").get(0);

        Response put = putPresence(List.of(employee.employeeId(), specialist.employeeId(), "E9999",
                supervisor.employeeId(), SeedPeople.theDisabledOne().employeeId()));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("onlineEmployeeIds")).extracting(n -> n.asText())
                .containsExactlyInAnyOrder(specialist.employeeId(), supervisor.employeeId());
        assertThat(bot.get(PRESENCE, null).json().path("onlineEmployeeIds")).extracting(n -> n.asText())
                .containsExactlyInAnyOrder(specialist.employeeId(), supervisor.employeeId());
    }

    @Test
    void anIdempotentRepeatOfACreationDoesNotAssignAgain() {
        SeedPerson specialist = specialist("b.rudenko");
        putPresence(List.of(specialist.employeeId()));
        String idempotencyKey = UUID.randomUUID().toString();
        String key = create(idempotencyKey, "LOW", "New mouse please").path("key").asText();
        assertThat(awaitAssignee(key)).isEqualTo(specialist.login());
        // someone reassigns it by hand; a second automatic assignment would take it back
        jira.assign(key, "k.marchenko", SeedPeople.withRole("supervisor").get(0).login());
        int assignments = jira.callCount("assignIssue");

        String repeated = create(idempotencyKey, "LOW", "New mouse please").path("key").asText();
        putPresence(List.of(specialist.employeeId())); // a waiting copy would be tried now
        pause(Duration.ofSeconds(1));

        assertThat(repeated).isEqualTo(key);
        assertThat(jira.callCount("assignIssue")).isEqualTo(assignments);
        assertThat(jira.request(key).orElseThrow().assignee()).isEqualTo("k.marchenko");
    }

    // ---- helpers ----

    /** A request created while nobody is online, so that it waits for the next one to come online. */
    private String waitingRequest(String summary) {
        putPresence(List.of());
        String key = create(UUID.randomUUID().toString(), "MEDIUM", summary).path("key").asText();
        await(() -> events.about(key).stream().findFirst(), "a no-specialist event");
        return key;
    }

    private double counted(String outcome) {
        Matcher m = Pattern.compile("agent_assignments_total\\{outcome=\"" + outcome + "\"[^}]*} ([0-9.E]+)")
                .matcher(Management.get(metrics).body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private Response putPresence(List<String> ids) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("onlineEmployeeIds");
        ids.forEach(list::add);
        return bot.send(bot.request(PRESENCE, null).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private com.fasterxml.jackson.databind.JsonNode create(String idempotencyKey, String priority, String summary) {
        String token = bot.verify(employee.telegramUserId(), employee.e164()).token();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("categoryId", "13").put("priority", priority)
                .put("summary", summary).put("description", "Filed by a test.");
        Response created = bot.send(bot.request("/api/v1/requests", token).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private SeedPerson specialist(String login) {
        return specialists.stream().filter(p -> p.login().equals(login)).findFirst().orElseThrow();
    }

    private String awaitAssignee(String key) {
        return await(() -> jira.request(key).map(JiraRequest::assignee), key + " to be assigned");
    }

    private static <T> T await(Supplier<Optional<T>> probe, String what) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            pause(Duration.ofMillis(50));
        }
        throw new AssertionError("waited in vain for " + what);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The winner by docs/assignment.md over the stand-in's requests as they stand: active = assigned and not in a
     * Done status; idle = time since the last resolution within the look-back, else the look-back; resolved = since
     * Monday 00:00 in the stand-in's zone; each min-max scaled (equal values scale to 1), weighted, summed; ties by
     * fewer active, longer idle, fewer resolved, login.
     */
    private String expectedWinner(List<String> logins) {
        Instant now = Instant.now();
        ZoneId zone = jira.options().zone();
        Instant periodStart = now.atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
        List<JiraRequest> all = jira.requests();
        List<Measure> measures = logins.stream().map(login -> {
            List<JiraRequest> theirs = all.stream().filter(r -> login.equals(r.assignee())).toList();
            int active = (int) theirs.stream().filter(r -> !r.statusCategory().equals("DONE")).count();
            Optional<Instant> last = theirs.stream().map(JiraRequest::resolved).filter(Objects::nonNull)
                    .filter(t -> t.isAfter(now.minus(LOOKBACK))).max(Comparator.naturalOrder());
            long idle = last.map(t -> Duration.between(t, now)).orElse(LOOKBACK).toSeconds();
            int resolved = (int) theirs.stream().map(JiraRequest::resolved).filter(Objects::nonNull)
                    .filter(t -> !t.isBefore(periodStart)).count();
            return new Measure(login, active, idle, resolved);
        }).toList();
        double minA = measures.stream().mapToDouble(Measure::active).min().orElseThrow();
        double maxA = measures.stream().mapToDouble(Measure::active).max().orElseThrow();
        double minT = measures.stream().mapToDouble(Measure::idle).min().orElseThrow();
        double maxT = measures.stream().mapToDouble(Measure::idle).max().orElseThrow();
        double minR = measures.stream().mapToDouble(Measure::resolved).min().orElseThrow();
        double maxR = measures.stream().mapToDouble(Measure::resolved).max().orElseThrow();
        Comparator<Measure> best = Comparator.<Measure>comparingDouble(m -> -Math.round(1e9 * (
                        WEIGHT_ACTIVE * scaled(maxA - m.active(), maxA - minA)
                        + WEIGHT_IDLE * scaled(m.idle() - minT, maxT - minT)
                        + WEIGHT_RESOLVED * scaled(maxR - m.resolved(), maxR - minR))))
                .thenComparingInt(Measure::active).thenComparingLong(m -> -m.idle())
                .thenComparingInt(Measure::resolved).thenComparing(Measure::login);
        return measures.stream().min(best).orElseThrow().login();
    }

    private static double scaled(double distanceFromWorst, double spread) {
        return spread == 0 ? 1 : distanceFromWorst / spread;
    }

    private record Measure(String login, int active, long idle, int resolved) {
    }
}
