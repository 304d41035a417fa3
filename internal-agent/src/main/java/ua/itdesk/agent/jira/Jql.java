package ua.itdesk.agent.jira;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A JQL query made only from values the agent controls (S4): issue and project keys and account references that
 * match strict patterns, status names from configuration, dates the builder formats itself, and fixed operators.
 * Every value is written as a quoted, escaped JQL string, and nothing can be appended as text, so no user input can
 * change what a query means. Clauses are joined with {@code AND}; a list ({@code in (...)}) is the only OR.
 *
 * <pre>{@code
 * Jql q = client.jql().project("HELP").reporter(user.reference()).orderBy(Jql.Field.CREATED, Jql.Order.DESC).build();
 * }</pre>
 */
public final class Jql {

    /** Configured status names: letters in any script, digits, spaces and a little punctuation. */
    private static final Pattern STATUS_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._/-]{0,59}");

    /** Jira reads JQL dates at minute precision, in the searching account's time zone. */
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Most values in one {@code in (...)}; Cloud truncates longer lists with a warning. */
    static final int MAX_LIST = 100;

    private final String text;

    private Jql(String text) {
        this.text = text;
    }

    /** A builder whose dates are written in {@code zone}, the time zone of the agent's Jira account. */
    public static Builder in(ZoneId zone) {
        return new Builder(zone);
    }

    /** The query. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jql other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Fields a query may be ordered by. */
    public enum Field {
        CREATED("created"),
        UPDATED("updated"),
        RESOLVED("resolved"),
        PRIORITY("priority"),
        KEY("key");

        private final String jql;

        Field(String jql) {
            this.jql = jql;
        }
    }

    /** Sort order. */
    public enum Order {
        ASC,
        DESC
    }

    /**
     * Status categories, written as their ids: they are the same on every Jira and, unlike the names, are not
     * translated.
     */
    public enum StatusCategory {
        TO_DO(2),
        IN_PROGRESS(4),
        DONE(3);

        private final int id;

        StatusCategory(int id) {
            this.id = id;
        }
    }

    /** Collects clauses; every method checks its values and throws {@link IllegalArgumentException} otherwise. */
    public static final class Builder {

        private final ZoneId zone;
        private final List<String> clauses = new ArrayList<>();
        private final List<String> order = new ArrayList<>();

        private Builder(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        /** {@code project = "KEY"}. */
        public Builder project(String projectKey) {
            clauses.add("project = " + quote(JiraText.require(JiraText.PROJECT_KEY, projectKey, "project key")));
            return this;
        }

        /** {@code key in ("A-1", ...)}. */
        public Builder issueKeys(Collection<String> keys) {
            clauses.add("key in " + list(keys, JiraText.ISSUE_KEY, "issue key"));
            return this;
        }

        /** {@code reporter = "ref"}. */
        public Builder reporter(String accountReference) {
            clauses.add("reporter = " + quote(JiraText.account(accountReference)));
            return this;
        }

        /** {@code assignee in ("ref", ...)}. */
        public Builder assignees(Collection<String> accountReferences) {
            clauses.add("assignee in " + list(accountReferences, JiraText.ACCOUNT, "account reference"));
            return this;
        }

        /** {@code assignee is EMPTY}. */
        public Builder unassigned() {
            clauses.add("assignee is EMPTY");
            return this;
        }

        /** {@code status in ("Name", ...)}, for status names from configuration. */
        public Builder statuses(Collection<String> names) {
            clauses.add("status in " + list(names, STATUS_NAME, "status name"));
            return this;
        }

        /** {@code statusCategory = id}. */
        public Builder statusCategory(StatusCategory category) {
            clauses.add("statusCategory = " + Objects.requireNonNull(category).id);
            return this;
        }

        /** {@code statusCategory != id}. */
        public Builder statusCategoryNot(StatusCategory category) {
            clauses.add("statusCategory != " + Objects.requireNonNull(category).id);
            return this;
        }

        /** {@code resolution is EMPTY}. */
        public Builder unresolved() {
            clauses.add("resolution is EMPTY");
            return this;
        }

        /**
         * {@code updated >= "yyyy-MM-dd HH:mm"}. The instant is rounded down to the minute, so the query may return
         * a little more than asked, never less; callers de-duplicate.
         */
        public Builder updatedSince(Instant since) {
            clauses.add("updated >= " + date(since));
            return this;
        }

        /** {@code created >= "yyyy-MM-dd HH:mm"}, rounded down to the minute. */
        public Builder createdSince(Instant since) {
            clauses.add("created >= " + date(since));
            return this;
        }

        /** {@code resolved >= "yyyy-MM-dd HH:mm"}, rounded down to the minute. */
        public Builder resolvedSince(Instant since) {
            clauses.add("resolved >= " + date(since));
            return this;
        }

        /** {@code created < "yyyy-MM-dd HH:mm"}: give an instant on a whole minute, or the bound moves down to it. */
        public Builder createdBefore(Instant before) {
            clauses.add("created < " + date(before));
            return this;
        }

        /** {@code resolved < "yyyy-MM-dd HH:mm"}, as {@link #createdBefore}. */
        public Builder resolvedBefore(Instant before) {
            clauses.add("resolved < " + date(before));
            return this;
        }

        /** Adds a sort key; the first one added sorts first. */
        public Builder orderBy(Field field, Order direction) {
            order.add(Objects.requireNonNull(field).jql + " " + Objects.requireNonNull(direction).name());
            return this;
        }

        /** The query; at least one clause is required, as Cloud refuses unbounded searches. */
        public Jql build() {
            if (clauses.isEmpty()) {
                throw new IllegalStateException("a JQL query needs at least one clause");
            }
            String where = String.join(" AND ", clauses);
            return new Jql(order.isEmpty() ? where : where + " ORDER BY " + String.join(", ", order));
        }

        private String date(Instant instant) {
            return quote(MINUTES.format(Objects.requireNonNull(instant, "instant").truncatedTo(ChronoUnit.MINUTES)
                    .atZone(zone)));
        }

        private static String list(Collection<String> values, Pattern pattern, String what) {
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("at least one " + what + " is required");
            }
            if (values.size() > MAX_LIST) {
                throw new IllegalArgumentException("at most " + MAX_LIST + " values of " + what);
            }
            return values.stream()
                    .map(v -> quote(JiraText.require(pattern, v, what)))
                    .distinct()
                    .collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /**
     * A JQL string literal. The patterns already keep quotes and backslashes out; escaping them anyway means a
     * looser pattern tomorrow cannot open a hole.
     */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\', '\'' -> quoted.append('\\').append(c);
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
