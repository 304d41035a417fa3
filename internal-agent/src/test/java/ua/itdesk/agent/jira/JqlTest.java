package ua.itdesk.agent.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JqlTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    private static Jql.Builder jql() {
        return Jql.in(KYIV);
    }

    @Test
    void writesEveryValueAsAQuotedLiteralJoinedWithAnd() {
        Jql q = jql().project("HELP").reporter("o.kovalenko").statusCategoryNot(Jql.StatusCategory.DONE)
                .orderBy(Jql.Field.CREATED, Jql.Order.DESC).build();

        assertThat(q.text()).isEqualTo(
                "project = \"HELP\" AND reporter = \"o.kovalenko\" AND statusCategory != 3 ORDER BY created DESC");
    }

    @Test
    void listsBecomeInClausesWithoutDuplicates() {
        Jql q = jql().issueKeys(List.of("HELP-1", "IT_OPS-22", "HELP-1"))
                .assignees(List.of("5b10ac8d82e05b22cc7d4ef5", "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077",
                        "i.shevchenko@corp.example.com"))
                .build();

        assertThat(q.text()).isEqualTo("key in (\"HELP-1\", \"IT_OPS-22\") AND assignee in "
                + "(\"5b10ac8d82e05b22cc7d4ef5\", \"557058:f58131cb-b67d-43c7-b30d-6b58d40bd077\", "
                + "\"i.shevchenko@corp.example.com\")");
    }

    @Test
    void datesAreWrittenInTheJiraAccountsZoneRoundedDownToTheMinute() {
        Instant noonUtcAndABit = Instant.parse("2026-01-01T10:15:59.999Z");

        Jql q = jql().updatedSince(noonUtcAndABit).resolvedSince(Instant.parse("2026-07-01T00:00:00Z"))
                .createdSince(Instant.parse("2025-12-31T22:00:00Z")).build();

        // Kyiv is UTC+2 in winter, UTC+3 in summer
        assertThat(q.text()).isEqualTo("updated >= \"2026-01-01 12:15\" AND resolved >= \"2026-07-01 03:00\""
                + " AND created >= \"2026-01-01 00:00\"");
    }

    @Test
    void configuredStatusNamesMayUseAnyScriptButStayQuoted() {
        Jql q = jql().statuses(List.of("Waiting for customer", "В роботі")).unresolved().unassigned().build();

        assertThat(q.text())
                .isEqualTo("status in (\"Waiting for customer\", \"В роботі\") AND resolution is EMPTY"
                        + " AND assignee is EMPTY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP-1\" OR project = SECRET", "HELP-1 OR 1=1", "help-1", "HELP-", "-1", "HELP 1",
            "HELP-1)", "HELP-1\\", "HELP-1\n", "H-1", "HELP-1'", "HELP-1”", "ＨＥＬＰ-1", ""})
    void refusesIssueKeysThatAreNotKeys(String attempt) {
        assertThatThrownBy(() -> jql().issueKeys(List.of("HELP-2", attempt)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid issue key"); // the value itself is not echoed into logs
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoe\" OR assignee is not EMPTY OR reporter = \"x", "jdoe OR 1=1", "j doe",
            "jdoe)", "(jdoe", "jdoe\\", "jdoe'", "jdoe\n", "jdoe\u0000", "\"", "", ".jdoe", "jdoe,admin",
            "jdoe;drop", "membersOf(\"jira-administrators\")", "currentUser()"})
    void refusesAccountReferencesOutsideTheStrictPattern(String attempt) {
        assertThatThrownBy(() -> jql().reporter(attempt)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jql().assignees(List.of(attempt))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Done\" OR status != \"x", "Done)", "Done\\", "\"", " Done", "Done\nOR", ""})
    void refusesStatusNamesThatCouldEndTheLiteral(String attempt) {
        assertThatThrownBy(() -> jql().statuses(List.of(attempt))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "HELP OR project = X", "HELP\"", "H", "1HELP", "HELP-1"})
    void refusesProjectKeysThatAreNotKeys(String attempt) {
        assertThatThrownBy(() -> jql().project(attempt)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNullsEmptyAndOverlongLists() {
        assertThatThrownBy(() -> jql().reporter(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jql().issueKeys(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jql().assignees(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jql().issueKeys(Collections.singletonList(null)))
                .isInstanceOf(IllegalArgumentException.class);
        List<String> tooMany = IntStream.rangeClosed(1, Jql.MAX_LIST + 1).mapToObj(i -> "HELP-" + i).toList();
        assertThatThrownBy(() -> jql().issueKeys(tooMany)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jql().updatedSince(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void refusesAnUnboundedQuery() {
        assertThatThrownBy(() -> jql().orderBy(Jql.Field.KEY, Jql.Order.ASC).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void quotingEscapesWhateverALooserPatternMightLetThrough() {
        assertThat(Jql.quote("a\"b\\c'd\ne")).isEqualTo("\"a\\\"b\\\\c\\'d\\ne\"");
    }
}
