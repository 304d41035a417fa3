package ua.itdesk.agent.statistics;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.RequestStatistics;
import ua.itdesk.contracts.v1.RequestStatistics.CategoryCount;
import ua.itdesk.contracts.v1.RequestStatistics.DayCount;
import ua.itdesk.contracts.v1.RequestStatistics.RequestFact;
import ua.itdesk.contracts.v1.RequestStatistics.ResponseTimes;

/**
 * The figures of M1 computed from the issues Jira returned; no Jira calls, so it is tested on its own.
 *
 * <p><b>First response</b> is the time from a request's creation to its first comment (public or internal) written
 * by someone other than the reporter and the agent's own Jira account. The agent's account writes what the bot
 * sends on people's behalf (consultation transcripts, ratings, employees' replies), so its comments are not a
 * specialist's own action. Status changes and assignments are not counted: a search does not return them without
 * the changelog, which would multiply what each page costs.
 */
final class RequestFacts {

    private final ZoneId zone;
    private final String requestTypeField;
    private final String integrationAccount;
    private final Function<String, Priority> priorities;

    /**
     * @param integrationAccount the agent's own Jira account reference (user name or accountId): the creator of
     *                           requests raised through Telegram
     */
    RequestFacts(ZoneId zone, String requestTypeField, String integrationAccount,
            Function<String, Priority> priorities) {
        this.zone = Objects.requireNonNull(zone);
        this.requestTypeField = Objects.requireNonNull(requestTypeField);
        this.integrationAccount = Objects.requireNonNull(integrationAccount);
        this.priorities = Objects.requireNonNull(priorities);
    }

    /** One request's facts. */
    RequestFact fact(JiraIssue issue) {
        JiraIssue.Fields f = issue.fields();
        Instant created = f.created().toInstant();
        JiraUser assignee = f.assignee();
        return new RequestFact(issue.key(), created, categoryId(f), f.priority() == null ? null
                : priorities.apply(f.priority().name()), f.status() == null ? null : f.status().name(),
                f.status() != null && f.status().done(),
                f.resolutiondate() == null ? null : f.resolutiondate().toInstant(), firstResponse(f), createdByUs(f),
                assignee == null ? null : assignee.displayName());
    }

    String categoryId(JiraIssue.Fields f) {
        JsonNode id = f.custom().getOrDefault(requestTypeField, MISSING).path("requestType").path("id");
        return id.isMissingNode() || id.isNull() ? null : id.asText();
    }

    String categoryName(JiraIssue.Fields f) {
        JsonNode name = f.custom().getOrDefault(requestTypeField, MISSING).path("requestType").path("name");
        return name.isMissingNode() || name.isNull() ? null : name.asText();
    }

    private static final JsonNode MISSING = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

    private boolean createdByUs(JiraIssue.Fields f) {
        return f.creator() != null && integrationAccount.equals(f.creator().reference());
    }

    private Long firstResponse(JiraIssue.Fields f) {
        if (f.comment() == null) {
            return null;
        }
        String reporter = f.reporter() == null ? null : f.reporter().reference();
        Instant created = f.created().toInstant();
        return f.comment().comments().stream()
                .filter(c -> c.author() != null && c.created() != null)
                .filter(c -> !integrationAccount.equals(c.author().reference())
                        && !c.author().reference().equals(reporter))
                .map(c -> c.created().toInstant())
                .filter(t -> !t.isBefore(created))
                .min(Comparator.naturalOrder())
                .map(t -> Duration.between(created, t).toSeconds())
                .orElse(null);
    }

    /** Non-zero counts per day (in the zone) and category, by day then category id. */
    List<DayCount> perDay(List<RequestFact> facts) {
        Map<LocalDate, Map<String, Integer>> counts = new TreeMap<>();
        for (RequestFact r : facts) {
            counts.computeIfAbsent(LocalDate.ofInstant(r.created(), zone), d -> new TreeMap<>())
                    .merge(String.valueOf(r.categoryId()), 1, Integer::sum);
        }
        List<DayCount> out = new ArrayList<>();
        counts.forEach((day, byCategory) -> byCategory.forEach((c, n) -> out.add(new DayCount(day, c, n))));
        return out;
    }

    /** Categories by count, most first (ties by id). */
    static List<CategoryCount> categories(List<RequestFact> facts, Map<String, String> names) {
        Map<String, Integer> counts = new TreeMap<>();
        facts.forEach(r -> counts.merge(String.valueOf(r.categoryId()), 1, Integer::sum));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new CategoryCount(e.getKey(), names.getOrDefault(e.getKey(), e.getKey()), e.getValue()))
                .toList();
    }

    /** Median and 90th percentile (nearest rank) of the first response times. */
    static ResponseTimes responseTimes(List<RequestFact> facts) {
        List<Long> times = facts.stream().map(RequestFact::firstResponseSeconds).filter(Objects::nonNull).sorted()
                .toList();
        int unanswered = facts.size() - times.size();
        if (times.isEmpty()) {
            return new ResponseTimes(0, unanswered, null, null);
        }
        return new ResponseTimes(times.size(), unanswered, median(times), nearestRank(times, 90));
    }

    /** The median of sorted values: the middle one, or the mean of the two middle ones (rounded down). */
    static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : Math.floorDiv(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2);
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p% of values at or below. */
    static long nearestRank(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }
}
