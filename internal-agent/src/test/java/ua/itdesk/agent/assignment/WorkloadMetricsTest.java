package ua.itdesk.agent.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.jira.IssuePage;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.agent.jira.Jql;
import ua.itdesk.agent.testing.MutableClock;

/** The loader against an in-memory Jira that answers the three queries and records each search. */
class WorkloadMetricsTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    /** Wednesday 2026-03-11 12:00 in Kyiv; the week began on Monday 2026-03-09 00:00 Kyiv. */
    private static final Instant NOW = Instant.parse("2026-03-11T10:00:00Z");
    private static final Instant MONDAY = Instant.parse("2026-03-08T22:00:00Z");

    private final MiniJira jira = new MiniJira();
    private final MutableClock clock = new MutableClock(NOW);

    record Settings(double weightActive, double weightIdle, double weightResolved, Period period,
            Optional<List<String>> activeStatuses, Duration metricsCacheTtl, Duration lookback, int maxPages)
            implements AgentConfig.Assignment {

        // the keys of presence and automatic assignment, which the loader does not read
        @Override
        public Duration presenceLease() {
            return Duration.ofMinutes(3);
        }

        @Override
        public Duration peopleCacheTtl() {
            return Duration.ofMinutes(10);
        }

        @Override
        public int retries() {
            return 3;
        }

        @Override
        public Duration retryBackoff() {
            return Duration.ofSeconds(2);
        }

        @Override
        public int waitingMax() {
            return 500;
        }

        static Settings defaults() {
            return new Settings(1.0, 0.5, 0.3, Period.WEEK, Optional.empty(), Duration.ofSeconds(30),
                    Duration.ofDays(30), 10);
        }

        Settings withStatuses(List<String> names) {
            return new Settings(weightActive, weightIdle, weightResolved, period, Optional.of(names), metricsCacheTtl,
                    lookback, maxPages);
        }

        Settings withTtl(Duration ttl) {
            return new Settings(weightActive, weightIdle, weightResolved, period, activeStatuses, ttl, lookback,
                    maxPages);
        }

        Settings withMaxPages(int pages) {
            return new Settings(weightActive, weightIdle, weightResolved, period, activeStatuses, metricsCacheTtl,
                    lookback, pages);
        }

        Settings withPeriod(Period p) {
            return new Settings(weightActive, weightIdle, weightResolved, p, activeStatuses, metricsCacheTtl,
                    lookback, maxPages);
        }
    }

    private WorkloadMetrics metrics(Settings settings) {
        return new WorkloadMetrics(jira, () -> Jql.in(KYIV), () -> "HELP", settings, KYIV, clock);
    }

    private static List<String> specialists(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("spec.%03d", i)).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 37, 100})
    void threeQueriesWhateverTheNumberOfSpecialists(int n) throws Exception {
        List<String> ids = specialists(n);
        for (String id : ids) {
            jira.open(id, "In Progress");
            jira.resolved(id, NOW.minus(Duration.ofHours(ids.indexOf(id) + 1)));
        }

        Workloads w = metrics(Settings.defaults()).load(ids);

        assertThat(jira.searches).hasSize(3);
        assertThat(w.candidates()).hasSize(n);
        assertThat(w.candidates()).allSatisfy(c -> assertThat(c.activeRequests()).isEqualTo(1));
        for (String query : jira.queries()) {
            assertThat(query).startsWith("project = \"HELP\" AND assignee in (").contains("\"spec.000\"")
                    .contains(String.format("\"spec.%03d\"", n - 1));
        }
    }

    @Test
    void threeQueriesPerHundredSpecialists() throws Exception {
        metrics(Settings.defaults()).load(specialists(250));
        assertThat(jira.searches).hasSize(9);
    }

    @Test
    void theThreeQueriesAndTheirFields() throws Exception {
        metrics(Settings.defaults().withStatuses(List.of("Waiting for support", "In Progress",
                "Waiting for customer"))).load(List.of("o.koval", "i.shevchenko"));

        assertThat(jira.queries()).containsExactly(
                "project = \"HELP\" AND assignee in (\"i.shevchenko\", \"o.koval\") AND status in "
                        + "(\"Waiting for support\", \"In Progress\", \"Waiting for customer\")",
                "project = \"HELP\" AND assignee in (\"i.shevchenko\", \"o.koval\") AND resolved >= \"2026-03-09 00:00\"",
                "project = \"HELP\" AND assignee in (\"i.shevchenko\", \"o.koval\") AND resolved >= \"2026-02-09 12:00\""
                        + " ORDER BY resolved DESC");
        assertThat(jira.searches).extracting(Search::fields).containsExactly(List.of("assignee"), List.of("assignee"),
                List.of("assignee", "resolutiondate"));
    }

    @Test
    void withoutConfiguredStatusesEverythingNotDoneIsActive() throws Exception {
        metrics(Settings.defaults()).load(List.of("a"));
        assertThat(jira.queries().get(0)).endsWith("AND statusCategory != 3");
    }

    @Test
    void measuresEachSpecialist() throws Exception {
        jira.open("a", "In Progress");
        jira.open("a", "Waiting for customer");
        jira.open("b", "In Progress");
        jira.resolved("a", NOW.minus(Duration.ofMinutes(10)));
        jira.resolved("a", NOW.minus(Duration.ofDays(1)));
        jira.resolved("a", NOW.minus(Duration.ofDays(4))); // last week: not in the period
        jira.resolved("b", NOW.minus(Duration.ofDays(6)));
        jira.resolved("stranger", NOW.minus(Duration.ofMinutes(1)));

        Workloads w = metrics(Settings.defaults()).load(List.of("c", "b", "a"));

        assertThat(w.measuredAt()).isEqualTo(NOW);
        assertThat(w.periodStart()).isEqualTo(MONDAY);
        assertThat(w.complete()).isTrue();
        assertThat(w.candidates()).containsExactly(
                new Candidate("a", 2, Duration.ofMinutes(10), 2),
                new Candidate("b", 1, Duration.ofDays(6), 0),
                Candidate.neverResolved("c", 0, 0));
    }

    @Test
    void aMonthPeriodStartsOnTheFirst() throws Exception {
        Workloads w = metrics(Settings.defaults().withPeriod(AgentConfig.Assignment.Period.MONTH)).load(List.of("a"));
        assertThat(w.periodStart()).isEqualTo(Instant.parse("2026-02-28T22:00:00Z"));
    }

    @Test
    void assigneesAnsweredInAnotherCaseStillCount() throws Exception {
        jira.open("O.Koval", "In Progress");
        Workloads w = metrics(Settings.defaults()).load(List.of("o.koval"));
        assertThat(w.candidates().get(0).activeRequests()).isEqualTo(1);
    }

    @Test
    void theCacheAnswersTheSameSetWithoutJira() throws Exception {
        WorkloadMetrics metrics = metrics(Settings.defaults());
        Workloads first = metrics.load(List.of("a", "b"));
        clock.advance(Duration.ofSeconds(29));
        Workloads again = metrics.load(List.of("b", "a", "a"));

        assertThat(again).isSameAs(first);
        assertThat(jira.searches).hasSize(3);

        metrics.load(List.of("a", "b", "c")); // another set: its own queries
        assertThat(jira.searches).hasSize(6);

        clock.advance(Duration.ofSeconds(1)); // 30 s: expired
        metrics.load(List.of("a", "b"));
        assertThat(jira.searches).hasSize(9);

        metrics.invalidate();
        metrics.load(List.of("a", "b"));
        assertThat(jira.searches).hasSize(12);
    }

    @Test
    void aZeroTtlReadsEveryTime() throws Exception {
        WorkloadMetrics metrics = metrics(Settings.defaults().withTtl(Duration.ZERO));
        metrics.load(List.of("a"));
        metrics.load(List.of("a"));
        assertThat(jira.searches).hasSize(6);
    }

    @Test
    void nobodyMeansNoQueries() throws Exception {
        Workloads w = metrics(Settings.defaults()).load(List.of());
        assertThat(w.candidates()).isEmpty();
        assertThat(jira.searches).isEmpty();
    }

    @Test
    void pagesThroughCountsAndStopsAtTheLimit() throws Exception {
        jira.pageSize = 2;
        for (int i = 0; i < 5; i++) {
            jira.open("a", "In Progress");
        }
        Workloads all = metrics(Settings.defaults().withTtl(Duration.ZERO)).load(List.of("a"));
        assertThat(all.candidates().get(0).activeRequests()).isEqualTo(5);
        assertThat(all.complete()).isTrue();

        jira.searches.clear();
        Workloads cut = metrics(Settings.defaults().withTtl(Duration.ZERO).withMaxPages(2)).load(List.of("a"));
        assertThat(cut.candidates().get(0).activeRequests()).isEqualTo(4);
        assertThat(cut.complete()).isFalse();
    }

    @Test
    void theLastResolutionQueryStopsOnceEverySpecialistIsSeen() throws Exception {
        jira.pageSize = 2;
        for (int i = 1; i <= 9; i++) {
            jira.resolved(i % 2 == 0 ? "a" : "b", NOW.minus(Duration.ofDays(i)));
        }
        Workloads w = metrics(Settings.defaults()).load(List.of("a", "b"));

        assertThat(jira.searches.stream().filter(s -> s.jql().contains("ORDER BY"))).hasSize(1);
        assertThat(w.candidates()).extracting(Candidate::sinceLastResolution)
                .containsExactly(Duration.ofDays(2), Duration.ofDays(1));
    }

    @Test
    void badIdsAndSettingsAreRefused() {
        WorkloadMetrics metrics = metrics(Settings.defaults());
        assertThatThrownBy(() -> metrics.load(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.load(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.load(List.of("x\") OR project = SECRET"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(jira.searches).isEmpty();
        assertThatThrownBy(() -> metrics(Settings.defaults().withMaxPages(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics(Settings.defaults().withTtl(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics(Settings.defaults().withStatuses(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the in-memory Jira ----

    record Search(String jql, List<String> fields, int maxResults, String token) {
    }

    record Issue(String assignee, String status, Instant resolved) {
    }

    /** Understands exactly the three query shapes of the loader, and pages by offset. */
    static final class MiniJira implements WorkloadMetrics.Search {

        final List<Search> searches = new ArrayList<>();
        final List<Issue> issues = new ArrayList<>();
        int pageSize = 1000;

        void open(String assignee, String status) {
            issues.add(new Issue(assignee, status, null));
        }

        void resolved(String assignee, Instant at) {
            issues.add(new Issue(assignee, "Resolved", at));
        }

        List<String> queries() {
            return searches.stream().map(Search::jql).toList();
        }

        @Override
        public IssuePage search(Jql jql, List<String> fields, int maxResults, String pageToken) {
            String q = jql.text();
            searches.add(new Search(q, fields, maxResults, pageToken));
            List<Issue> matching = issues.stream()
                    .filter(i -> q.toLowerCase().contains("\"" + i.assignee().toLowerCase() + "\""))
                    .filter(i -> q.contains("ORDER BY") || q.contains("resolved >=") ? i.resolved() != null
                            : i.resolved() == null)
                    .filter(i -> !q.contains("resolved >=") || !i.resolved().isBefore(since(q)))
                    .sorted(Comparator.comparing(Issue::resolved, Comparator.nullsLast(Comparator.reverseOrder())))
                    .toList();
            int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
            int to = Math.min(matching.size(), from + Math.min(pageSize, maxResults));
            List<JiraIssue> page = new ArrayList<>();
            for (int i = from; i < to; i++) {
                Issue issue = matching.get(i);
                page.add(new JiraIssue(String.valueOf(i), "HELP-" + i, new JiraIssue.Fields(null, null, null,
                        new JiraUser(null, issue.assignee(), null, null, null, true, null), null, null, null,
                        fields.contains("resolutiondate") && issue.resolved() != null
                                ? issue.resolved().atOffset(ZoneOffset.ofHours(2)) : null)));
            }
            return new IssuePage(page, to >= matching.size() ? null : String.valueOf(to), matching.size());
        }

        private static Instant since(String q) {
            int at = q.indexOf("resolved >= \"") + "resolved >= \"".length();
            String local = q.substring(at, at + 16).replace(' ', 'T');
            return java.time.LocalDateTime.parse(local).atZone(KYIV).toInstant();
        }
    }
}
