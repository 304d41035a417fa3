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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * Statistics for supervisors against the Jira stand-in seeded with several weeks of history: every figure is
 * compared with one the test counts itself from the stand-in's own requests.
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class, initArgs = {
        @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_STAND_IN_DATA_CENTER),
        @ResourceArg(name = AgentSandboxResource.JIRA_PAST_REQUESTS, value = "360")})
class StatisticsApiTests {

    private static final String API = "/api/v1/statistics/requests";

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    private AgentClient bot;
    private JiraStandIn jira;
    private ZoneId zone;

    @BeforeEach
    void connect() {
        // logins find people by phone only once the directory's phone index is built
        Management.awaitPhoneIndex(readiness);
        bot = AgentClient.asBot(agent, sandbox.pki());
        jira = sandbox.jiraStandIn();
        zone = jira.options().zone();
    }

    private String tokenOf(String role) {
        SeedPerson person = SeedPeople.withRole(role).stream().filter(SeedPerson::canLogIn).findFirst().orElseThrow();
        Response login = bot.verify(person.telegramUserId(), person.e164());
        assertThat(login.status()).isEqualTo(200);
        return login.token();
    }

    @Test
    void theFiguresOfThirtyDaysAreThoseCountedFromJirasOwnRequests() {
        LocalDate to = LocalDate.now(zone);
        LocalDate from = to.minusDays(29);
        Response answer = bot.get(API + "?from=" + from + "&to=" + to, tokenOf("supervisor"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode s = answer.json();
        List<JiraRequest> created = assertFiguresAreJiras(s, from, to);
        assertThat(created).hasSizeGreaterThan(200);
        assertThat(s.get("jiraCalls").asInt()).isPositive();

        Response again = bot.get(API + "?from=" + from + "&to=" + to, tokenOf("supervisor"));
        assertThat(again.json().get("jiraCalls").asInt()).as("served from the cache").isZero();
        assertThat(again.json().get("created").asInt()).isEqualTo(created.size());
    }

    @Test
    void theDaysAreThoseOfTheZoneTheBotNames() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo"); // six or seven hours from Jira's Kyiv: other midnights
        LocalDate to = LocalDate.now(tokyo);
        LocalDate from = to.minusDays(24);
        Response answer = bot.get(API + "?from=" + from + "&to=" + to + "&zone=" + tokyo.getId(),
                tokenOf("supervisor"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("timeZone").asText()).isEqualTo("Asia/Tokyo");
        assertFiguresAreJiras(answer.json(), from, to, tokyo);
    }

    @Test
    void whatChangesInJiraAfterAReadingIsInTheNextReading() {
        String token = tokenOf("supervisor");
        LocalDate to = LocalDate.now(zone);
        Response first = bot.get(API + "?from=" + to.minusDays(20) + "&to=" + to, token);
        assertFiguresAreJiras(first.json(), to.minusDays(20), to);

        // a specialist answers the newest unanswered request, and takes and resolves an open one
        String specialist = SeedPeople.withRole("specialist").get(0).login().toLowerCase(java.util.Locale.ROOT);
        JiraRequest unanswered = jira.requests().stream().filter(r -> r.comments().isEmpty())
                .max(java.util.Comparator.comparing(JiraRequest::created)).orElseThrow();
        jira.addPublicComment(unanswered.key(), specialist, "Дивлюся. Looking into it.");
        JiraRequest open = jira.requests().stream().filter(r -> !r.statusCategory().equals("DONE")).findFirst()
                .orElseThrow();
        jira.assign(open.key(), specialist, specialist);
        jira.changeStatus(open.key(), "Resolved", specialist);

        // another period, so that the agent's cache of the first one does not answer
        Response next = bot.get(API + "?from=" + to.minusDays(21) + "&to=" + to, token);
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertFiguresAreJiras(next.json(), to.minusDays(21), to);
        assertThat(next.json().get("jiraCalls").asInt()).as("one search of what changed and the two load searches")
                .isLessThanOrEqualTo(4);
    }

    /** Compares every figure of the answer with what the test counts from the stand-in's requests as they are now. */
    private List<JiraRequest> assertFiguresAreJiras(JsonNode s, LocalDate from, LocalDate to) {
        return assertFiguresAreJiras(s, from, to, zone);
    }

    private List<JiraRequest> assertFiguresAreJiras(JsonNode s, LocalDate from, LocalDate to, ZoneId zone) {

        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<JiraRequest> all = jira.requests();
        List<JiraRequest> created = all.stream()
                .filter(r -> !r.created().isBefore(start) && r.created().isBefore(end)).toList();
        assertThat(s.get("created").asInt()).isEqualTo(created.size());
        assertThat(s.get("truncated").asBoolean()).isFalse();
        assertThat(s.get("requests")).hasSize(created.size());
        assertThat(s.get("throughTelegram").asInt()).isEqualTo(
                (int) created.stream().filter(r -> r.creator().equals(jira.serviceAccount())).count());

        Map<String, Integer> perDay = new HashMap<>();
        created.forEach(r -> perDay.merge(LocalDate.ofInstant(r.created(), zone) + "/" + r.requestTypeId(), 1,
                Integer::sum));
        Map<String, Integer> answered = new HashMap<>();
        s.get("perDay").forEach(d -> answered.put(d.get("day").asText() + "/" + d.get("categoryId").asText(),
                d.get("count").asInt()));
        assertThat(answered).isEqualTo(perDay);

        Map<String, Integer> byCategory = new HashMap<>();
        created.forEach(r -> byCategory.merge(r.requestTypeId(), 1, Integer::sum));
        JsonNode top = s.get("categories").get(0);
        assertThat(top.get("count").asInt()).isEqualTo(Collections.max(byCategory.values()));
        assertThat(top.get("name").asText()).isEqualTo(jira.requestTypes().get(top.get("categoryId").asText()));

        List<Long> times = new ArrayList<>();
        for (JiraRequest r : created) {
            r.comments().stream()
                    .filter(c -> !c.author().equals(r.reporter()) && !c.author().equals(jira.serviceAccount()))
                    .map(c -> c.created().getEpochSecond() - r.created().getEpochSecond()).min(Long::compare)
                    .ifPresent(times::add);
        }
        Collections.sort(times);
        JsonNode first = s.get("firstResponse");
        assertThat(first.get("responded").asInt()).isEqualTo(times.size());
        assertThat(first.get("unanswered").asInt()).isEqualTo(created.size() - times.size());
        long median = times.size() % 2 == 1 ? times.get(times.size() / 2)
                : (times.get(times.size() / 2 - 1) + times.get(times.size() / 2)) / 2;
        assertThat(first.get("medianSeconds").asLong()).isEqualTo(median);
        // nearest rank: the smallest time with at least 90% of the times at or below it
        long p90 = times.stream().filter(t -> times.stream().filter(u -> u <= t).count() * 10 >= times.size() * 9L)
                .findFirst().orElseThrow();
        assertThat(first.get("p90Seconds").asLong()).isEqualTo(p90);

        for (SeedPerson specialist : SeedPeople.withRole("specialist")) {
            String login = specialist.login().toLowerCase(java.util.Locale.ROOT);
            long active = all.stream().filter(r -> login.equals(r.assignee()) && !r.statusCategory().equals("DONE"))
                    .count();
            long resolved = all.stream().filter(r -> login.equals(r.assignee()) && r.resolved() != null
                    && !r.resolved().isBefore(start) && r.resolved().isBefore(end)).count();
            JsonNode load = null;
            for (JsonNode l : s.get("specialists")) {
                if (l.get("name").asText().equals(specialist.fullName())) {
                    load = l;
                }
            }
            if (active + resolved == 0) {
                assertThat(load).as(login).isNull();
                continue;
            }
            assertThat(load).as(login).isNotNull();
            assertThat(load.get("active").asInt()).as(login).isEqualTo(active);
            assertThat(load.get("resolved").asInt()).as(login).isEqualTo(resolved);
            assertThat(load.get("employeeId").asText()).isEqualTo(specialist.employeeId());
        }
        return created;
    }

    @Test
    void onlySupervisorsGetStatistics() {
        LocalDate today = LocalDate.now(zone);
        for (String role : List.of("employee", "specialist")) {
            Response refused = bot.get(API + "?from=" + today + "&to=" + today, tokenOf(role));
            assertThat(refused.status()).as(role).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(bot.get(API + "?from=" + today + "&to=" + today, null).status()).isEqualTo(401);
    }

    @Test
    void aPeriodThatCannotBeIsRefusedWithItsReason() {
        String token = tokenOf("supervisor");
        LocalDate today = LocalDate.now(zone);
        Map<String, String> cases = Map.of(
                "from=" + today + "&to=" + today.minusDays(1), "to is before from",
                "from=" + today + "&to=" + today.plusDays(1), "after today",
                "from=" + today.minusDays(200) + "&to=" + today, "longer than 92 days",
                "from=yesterday&to=" + today, "from is not a date",
                "to=" + today, "from is required",
                "from=" + today + "&to=" + today + "&zone=Kyiv", "zone is not a time zone id");
        cases.forEach((query, detail) -> {
            Response r = bot.get(API + "?" + query, token);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).as(query).contains(detail);
            assertThat(Objects.requireNonNull(r.contentType())).startsWith("application/problem+json");
        });
    }
}
