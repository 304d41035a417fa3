package ua.itdesk.agent.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.statistics.StatisticsIndex.Entry;
import ua.itdesk.agent.statistics.StatisticsIndex.Found;
import ua.itdesk.contracts.v1.RequestStatistics.RequestFact;

class StatisticsIndexTest {

    private static final Instant T0 = Instant.parse("2026-06-15T08:00:00Z");
    private static final Instant WINDOW = T0.minus(Duration.ofDays(92));

    /** A Jira of issues by key, each with its creation time and a status name standing for "what it says now". */
    private final Map<String, JiraIssue> jira = new TreeMap<>();
    private final List<String> searches = new ArrayList<>();
    private int cap = 1000;

    private final StatisticsIndex.Source source = new StatisticsIndex.Source() {
        @Override
        public Found createdSince(Instant since) {
            searches.add("created >= " + since);
            return capped(jira.values().stream().filter(i -> !created(i).isBefore(since)).toList());
        }

        @Override
        public Found updatedSince(Instant since) {
            searches.add("updated >= " + since);
            return capped(jira.values().stream().filter(i -> !updated(i).isBefore(since)).toList());
        }
    };

    private Found capped(List<JiraIssue> issues) {
        return new Found(issues.stream().limit(cap).toList(), issues.size() <= cap);
    }

    private void put(String key, Instant created, Instant updated, String status) {
        jira.put(key, new JiraIssue(key, key, new JiraIssue.Fields(null, new JiraIssue.Status("1", status, null), null,
                null, null, created.atOffset(ZoneOffset.UTC), updated.atOffset(ZoneOffset.UTC), null)));
    }

    private static Instant created(JiraIssue i) {
        return i.fields().created().toInstant();
    }

    private static Instant updated(JiraIssue i) {
        return i.fields().updated().toInstant();
    }

    private static Entry entry(JiraIssue i) {
        return new Entry(new RequestFact(i.key(), created(i), null, null, i.fields().status().name(), false, null,
                null, false, null), null, null);
    }

    private Map<String, String> read(Instant window, Instant now) {
        Optional<List<Entry>> held = index.upToDate(window, now, source, StatisticsIndexTest::entry);
        return held.map(l -> l.stream().collect(Collectors.toMap(e -> e.fact().key(), e -> e.fact().status(),
                (a, b) -> a, TreeMap::new))).orElse(null);
    }

    private final StatisticsIndex index = new StatisticsIndex();

    @Test
    void theFirstReadingSearchesTheWindowAndLaterOnesOnlyWhatChangedSinceTheLastSearchBegan() {
        put("ITS-1", T0.minus(Duration.ofDays(3)), T0.minus(Duration.ofDays(3)), "Open");
        put("ITS-2", T0.minus(Duration.ofDays(2)), T0.minus(Duration.ofDays(1)), "Open");
        assertThat(read(WINDOW, T0)).isEqualTo(Map.of("ITS-1", "Open", "ITS-2", "Open"));
        assertThat(index.size()).isEqualTo(2);

        Instant later = T0.plus(Duration.ofMinutes(10));
        put("ITS-2", T0.minus(Duration.ofDays(2)), T0.plus(Duration.ofMinutes(5)), "Resolved");
        put("ITS-3", T0.plus(Duration.ofMinutes(6)), T0.plus(Duration.ofMinutes(6)), "Open");
        assertThat(read(WINDOW, later)).isEqualTo(Map.of("ITS-1", "Open", "ITS-2", "Resolved", "ITS-3", "Open"));
        // the change just before the first search began is looked at again: JQL has minutes, clocks differ
        assertThat(searches).containsExactly("created >= " + WINDOW, "updated >= " + T0.minus(StatisticsIndex.OVERLAP));

        read(WINDOW, later.plus(Duration.ofMinutes(1)));
        assertThat(searches).last().isEqualTo("updated >= " + later.minus(StatisticsIndex.OVERLAP));
    }

    @Test
    void requestsOlderThanTheWindowAreNeitherTakenFromChangesNorKeptWhenTheWindowMovesOn() {
        put("ITS-1", WINDOW.minus(Duration.ofDays(1)), T0, "Open");
        put("ITS-2", WINDOW.plus(Duration.ofHours(1)), WINDOW.plus(Duration.ofHours(1)), "Open");
        put("ITS-3", T0.minus(Duration.ofDays(1)), T0.minus(Duration.ofDays(1)), "Open");
        assertThat(read(WINDOW, T0)).containsOnlyKeys("ITS-2", "ITS-3");

        put("ITS-1", WINDOW.minus(Duration.ofDays(1)), T0.plus(Duration.ofMinutes(1)), "Resolved");
        Instant nextDay = T0.plus(Duration.ofHours(20)); // after midnight, before the daily build
        assertThat(read(WINDOW.plus(Duration.ofDays(1)), nextDay)).containsOnlyKeys("ITS-3");
        assertThat(searches).hasSize(2);
        assertThat(searches.get(1)).startsWith("updated >= ");
    }

    @Test
    void aWindowBeyondTheCapIsNotHeldAndIsSearchedAgainNextTime() {
        put("ITS-1", T0.minus(Duration.ofDays(3)), T0.minus(Duration.ofDays(3)), "Open");
        put("ITS-2", T0.minus(Duration.ofDays(2)), T0.minus(Duration.ofDays(2)), "Open");
        cap = 1;
        assertThat(read(WINDOW, T0)).isNull();
        assertThat(index.built()).isFalse();

        cap = 10;
        assertThat(read(WINDOW, T0.plus(Duration.ofMinutes(1)))).containsOnlyKeys("ITS-1", "ITS-2");
        assertThat(searches).containsExactly("created >= " + WINDOW, "created >= " + WINDOW);
    }

    @Test
    void tooManyChangesOrADayOrAnEarlierWindowMeanABuildAfresh() {
        put("ITS-1", T0.minus(Duration.ofDays(3)), T0.minus(Duration.ofDays(3)), "Open");
        read(WINDOW, T0);

        // a request deleted in Jira leaves no change to search for: only the daily build drops it
        jira.remove("ITS-1");
        put("ITS-2", T0.minus(Duration.ofDays(2)), T0.minus(Duration.ofDays(2)), "Open");
        assertThat(read(WINDOW, T0.plus(Duration.ofMinutes(1)))).containsOnlyKeys("ITS-1");
        assertThat(read(WINDOW, T0.plus(StatisticsIndex.REBUILD_AFTER))).containsOnlyKeys("ITS-2");
        assertThat(searches).last().isEqualTo("created >= " + WINDOW);

        assertThat(read(WINDOW.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1).plusMinutes(1))))
                .containsOnlyKeys("ITS-2");
        assertThat(searches).last().isEqualTo("created >= " + WINDOW.minus(Duration.ofDays(1)));

        cap = 1;
        put("ITS-3", T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1).plusMinutes(2)), "Open");
        put("ITS-2", T0.minus(Duration.ofDays(2)), T0.plus(Duration.ofDays(1).plusMinutes(2)), "Resolved");
        assertThat(read(WINDOW, T0.plus(Duration.ofDays(1).plusMinutes(3)))).isNull();
        assertThat(searches.subList(searches.size() - 2, searches.size())).satisfiesExactly(
                s -> assertThat(s).startsWith("updated >= "), s -> assertThat(s).startsWith("created >= "));
    }
}
