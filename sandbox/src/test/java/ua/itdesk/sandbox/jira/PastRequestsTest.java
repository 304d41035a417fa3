package ua.itdesk.sandbox.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.sandbox.pki.Pki;

/** The past requests seeded for statistics: a few hundred finished ones that leave the seeded workloads alone. */
class PastRequestsTest {

    private static final String PAT = "past-requests-token";
    private static final Instant NOW = Instant.parse("2026-06-15T07:30:00Z");
    private static final int PAST = 360;

    private JiraStandIn plain;
    private JiraStandIn withPast;

    @BeforeEach
    void start() {
        Pki pki = SharedPki.get();
        JiraStandIn.Options options = JiraStandIn.Options.dataCenter(PAT).withClock(Clock.fixed(NOW, ZoneId.of("UTC")));
        plain = JiraStandIn.start(pki, 0, options);
        withPast = JiraStandIn.start(pki, 0, options.withPastRequests(PAST));
    }

    @AfterEach
    void stop() {
        plain.close();
        withPast.close();
    }

    private List<JiraRequest> past() {
        return withPast.requests().subList(0, PAST);
    }

    @Test
    void pastRequestsAreFinishedSpreadOverSixWeeksAndComeFirst() {
        assertThat(withPast.requests()).hasSize(PAST + plain.requests().size());
        assertThat(past()).allSatisfy(r -> {
            assertThat(r.statusCategory()).isEqualTo("DONE");
            assertThat(r.resolved()).isNotNull().isAfter(r.created()).isBefore(NOW);
            assertThat(r.created()).isAfter(NOW.minus(46, ChronoUnit.DAYS));
        });
        assertThat(past()).extracting(JiraRequest::key).first().isEqualTo("ITS-1");
        assertThat(past()).extracting(JiraRequest::created).isSorted();
        Set<String> days = past().stream().map(r -> r.created().truncatedTo(ChronoUnit.DAYS).toString())
                .collect(Collectors.toSet());
        assertThat(days.size()).as("days with requests").isGreaterThan(30);
        assertThat(past().stream().map(JiraRequest::requestTypeId).collect(Collectors.toSet())).hasSize(7);
        long telegram = past().stream().filter(r -> r.creator().equals(withPast.serviceAccount())).count();
        assertThat(telegram).isBetween(PAST / 3L, PAST * 5L / 6);
        assertThat(past()).filteredOn(r -> r.assignee() != null).allSatisfy(r -> {
            assertThat(r.comments()).isNotEmpty();
            assertThat(r.comments().get(0).author()).isEqualTo(r.assignee());
            assertThat(r.comments().get(0).created()).isAfter(r.created()).isBefore(r.resolved());
        });
    }

    @Test
    void pastRequestsLeaveEverySeededWorkloadMeasureAsItWas() {
        Map<String, SpecialistWorkload> before = byLogin(plain.workloads());
        Map<String, SpecialistWorkload> after = byLogin(withPast.workloads());
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((login, w) -> {
            assertThat(w.open()).as(login).isEqualTo(before.get(login).open());
            assertThat(w.lastResolved()).as(login).isEqualTo(before.get(login).lastResolved());
        });
        // resolved since any midnight (UTC or Kyiv): the same number more for every seeded specialist
        List<String> specialists = JiraSeed.WORKLOADS.stream().map(JiraSeed.Workload::login).toList();
        for (ZoneId zone : List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Kyiv"))) {
            for (int d = 0; d <= 45; d++) {
                Instant cut = NOW.atZone(zone).truncatedTo(ChronoUnit.DAYS).minusDays(d).toInstant();
                Set<Long> added = new HashSet<>();
                for (String login : specialists) {
                    added.add(resolvedSince(withPast, login, cut) - resolvedSince(plain, login, cut));
                }
                assertThat(added).as("resolved since %s", cut).hasSize(1);
            }
        }
    }

    @Test
    void thePastIsTheSameForTheSameClockAndSearchShowsTheRequestType() {
        try (JiraStandIn again = JiraStandIn.start(SharedPki.get(), 0, JiraStandIn.Options.dataCenter(PAT)
                .withClock(Clock.fixed(NOW, ZoneId.of("UTC"))).withPastRequests(PAST))) {
            assertThat(again.requests()).usingRecursiveFieldByFieldElementComparator().isEqualTo(withPast.requests());
        }
        TestClient client = new TestClient(SharedPki.get(), withPast.baseUrl(), "Bearer " + PAT);
        JsonNode found = client.post("/rest/api/2/search", Map.of("jql", "key = ITS-1",
                "fields", List.of("creator", Shapes.REQUEST_TYPE_FIELD))).json();
        JiraRequest first = withPast.requests().get(0);
        assertThat(found.at("/issues/0/fields/" + Shapes.REQUEST_TYPE_FIELD + "/requestType/id").asText())
                .isEqualTo(first.requestTypeId());
        assertThat(found.at("/issues/0/fields/creator/name").asText()).isEqualTo(first.creator());
    }

    private static long resolvedSince(JiraStandIn jira, String login, Instant cut) {
        return jira.requests().stream()
                .filter(r -> login.equals(r.assignee()) && r.resolved() != null && !r.resolved().isBefore(cut))
                .count();
    }

    private static Map<String, SpecialistWorkload> byLogin(List<SpecialistWorkload> all) {
        return all.stream().collect(Collectors.toMap(SpecialistWorkload::login, w -> w));
    }
}
