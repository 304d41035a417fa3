package ua.itdesk.agent.assignment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.jira.IssuePage;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraException;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraUnavailableException;
import ua.itdesk.agent.jira.Jql;

/**
 * Reads the three measures of T3 for a set of specialists from Jira in three JQL searches (per 100 specialists, the
 * longest list one {@code in (...)} takes), never one per specialist, all scoped to the service desk's project:
 *
 * <ol>
 *   <li>active: {@code assignee in (...) AND status in (active statuses)} (or {@code statusCategory != Done}),
 *       field {@code assignee}, counted per assignee;</li>
 *   <li>resolved in the period: {@code assignee in (...) AND resolved >= start of week or month}, field
 *       {@code assignee}, counted per assignee;</li>
 *   <li>last resolution: {@code assignee in (...) AND resolved >= now - lookback ORDER BY resolved DESC}, fields
 *       {@code assignee, resolutiondate}, read until every specialist has been seen once.</li>
 * </ol>
 *
 * Each search reads at most {@code agent.assignment.max-pages} pages. The result is kept for
 * {@code agent.assignment.metrics-cache-ttl} per set of specialists (order does not matter). Failures are not kept.
 * Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class WorkloadMetrics {

    private static final Logger LOG = Logger.getLogger(WorkloadMetrics.class);

    /** Longest list in one {@code assignee in (...)}: Jira Cloud truncates longer ones. */
    static final int MAX_ASSIGNEES_PER_QUERY = 100;
    /** Issues asked for per page; Jira may return fewer (Cloud does), the paging copes. */
    static final int PAGE_SIZE = 1000;
    /** Cached sets kept at most; an expired entry is dropped when another one is stored. */
    private static final int MAX_CACHED_SETS = 64;

    private static final List<String> ASSIGNEE = List.of("assignee");
    private static final List<String> ASSIGNEE_AND_RESOLVED = List.of("assignee", "resolutiondate");

    /** The one Jira call this class needs: {@link JiraClient#search}. */
    @FunctionalInterface
    interface Search {
        IssuePage search(Jql jql, List<String> fields, int maxResults, String pageToken);
    }

    private final Search search;
    private final Supplier<Jql.Builder> jql;
    private final Supplier<String> projectKey;
    private final AgentConfig.Assignment config;
    private final ZoneId zone;
    private final Clock clock;
    private final Map<List<String>, Workloads> cache = new ConcurrentHashMap<>();

    @Inject
    WorkloadMetrics(JiraClient jira, AgentConfig config) {
        this(jira::search, jira::jql, () -> jira.serviceDesk().projectKey(), config.assignment(),
                config.jira().timeZone(), Clock.systemUTC());
    }

    WorkloadMetrics(Search search, Supplier<Jql.Builder> jql, Supplier<String> projectKey,
            AgentConfig.Assignment config, ZoneId zone, Clock clock) {
        this.search = Objects.requireNonNull(search);
        this.jql = Objects.requireNonNull(jql);
        this.projectKey = Objects.requireNonNull(projectKey);
        this.config = Objects.requireNonNull(config);
        this.zone = Objects.requireNonNull(zone);
        this.clock = Objects.requireNonNull(clock);
        check(config);
    }

    /** Refuses settings that cannot work; called at start-up too. */
    static void check(AgentConfig.Assignment config) {
        if (config.lookback().isNegative() || config.lookback().isZero()) {
            throw new IllegalArgumentException("lookback must be positive");
        }
        if (config.metricsCacheTtl().isNegative()) {
            throw new IllegalArgumentException("metrics-cache-ttl must not be negative");
        }
        if (config.maxPages() < 1) {
            throw new IllegalArgumentException("max-pages must be at least 1");
        }
        config.activeStatuses().ifPresent(names -> {
            if (names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank())) {
                throw new IllegalArgumentException("active-statuses must name at least one status");
            }
        });
    }

    /**
     * The measures of these specialists (Jira account references: user names on Data Center, accountIds on Cloud),
     * one {@link Candidate} each, ordered by id. No specialists, no queries.
     *
     * @throws WorkloadUnavailableException when Jira could not answer; leave the request in the queue
     * @throws IllegalArgumentException when a reference is blank or not a possible account reference
     */
    public Workloads load(Collection<String> specialistIds) throws WorkloadUnavailableException {
        if (specialistIds == null) {
            throw new IllegalArgumentException("specialist ids are required");
        }
        TreeSet<String> ids = new TreeSet<>();
        for (String id : specialistIds) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("blank specialist id");
            }
            ids.add(id);
        }
        Instant now = clock.instant();
        if (ids.isEmpty()) {
            return new Workloads(now, periodStart(now), List.of(), true);
        }
        List<String> key = List.copyOf(ids);
        Workloads cached = cache.get(key);
        if (cached != null && now.isBefore(cached.measuredAt().plus(config.metricsCacheTtl()))) {
            return cached;
        }
        Workloads fresh = read(key, now);
        if (!config.metricsCacheTtl().isZero()) {
            store(key, fresh, now);
        }
        return fresh;
    }

    /** Forgets every cached measure (after an assignment the caller made itself, say). */
    public void invalidate() {
        cache.clear();
    }

    private Workloads read(List<String> ids, Instant now) throws WorkloadUnavailableException {
        Instant periodStart = periodStart(now);
        Instant lookbackStart = now.minus(config.lookback());
        Map<String, Integer> active = new HashMap<>();
        Map<String, Integer> resolved = new HashMap<>();
        Map<String, Instant> lastResolved = new HashMap<>();
        boolean complete = true;
        try {
            String project = projectKey.get();
            for (int from = 0; from < ids.size(); from += MAX_ASSIGNEES_PER_QUERY) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_ASSIGNEES_PER_QUERY));
                Matcher matcher = new Matcher(chunk);

                Jql.Builder activeQuery = jql.get().project(project).assignees(chunk);
                Optional<List<String>> statuses = config.activeStatuses();
                if (statuses.isPresent()) {
                    activeQuery.statuses(statuses.get());
                } else {
                    activeQuery.statusCategoryNot(Jql.StatusCategory.DONE);
                }
                complete &= count(activeQuery.build(), matcher, active);

                complete &= count(jql.get().project(project).assignees(chunk).resolvedSince(periodStart).build(),
                        matcher, resolved);

                complete &= latest(jql.get().project(project).assignees(chunk).resolvedSince(lookbackStart)
                        .orderBy(Jql.Field.RESOLVED, Jql.Order.DESC).build(), matcher, lastResolved);
            }
        } catch (JiraException e) {
            LOG.warnf("assignment: workload of %d specialists not read from Jira: %s", ids.size(), e.getMessage());
            Duration retryAfter = e instanceof JiraUnavailableException u ? u.retryAfter().orElse(null) : null;
            throw new WorkloadUnavailableException("workload not read from Jira: " + e.getMessage(), retryAfter, e);
        }
        List<Candidate> candidates = new ArrayList<>(ids.size());
        for (String id : ids) {
            Instant last = lastResolved.get(id);
            Duration since = last == null ? null : last.isAfter(now) ? Duration.ZERO : Duration.between(last, now);
            candidates.add(new Candidate(id, active.getOrDefault(id, 0), since, resolved.getOrDefault(id, 0)));
        }
        return new Workloads(now, periodStart, candidates, complete);
    }

    /** Counts the issues per assignee; false when it stopped at the page limit. */
    private boolean count(Jql query, Matcher matcher, Map<String, Integer> counts) {
        String token = null;
        for (int page = 0; page < config.maxPages(); page++) {
            IssuePage found = search.search(query, ASSIGNEE, PAGE_SIZE, token);
            for (JiraIssue issue : found.issues()) {
                matcher.match(issue).ifPresent(id -> counts.merge(id, 1, Integer::sum));
            }
            if (found.isLast() || found.issues().isEmpty()) {
                return true;
            }
            token = found.nextPageToken();
        }
        LOG.warnf("assignment: stopped after %d pages of [%s]; counts are lower bounds", config.maxPages(), query);
        return false;
    }

    /** The first (newest) resolution date per assignee; stops once every specialist has one. */
    private boolean latest(Jql query, Matcher matcher, Map<String, Instant> latest) {
        String token = null;
        for (int page = 0; page < config.maxPages(); page++) {
            IssuePage found = search.search(query, ASSIGNEE_AND_RESOLVED, PAGE_SIZE, token);
            for (JiraIssue issue : found.issues()) {
                if (issue.fields() == null || issue.fields().resolutiondate() == null) {
                    continue;
                }
                Instant at = issue.fields().resolutiondate().toInstant();
                matcher.match(issue).ifPresent(id -> latest.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
            }
            if (found.isLast() || found.issues().isEmpty() || latest.keySet().containsAll(matcher.ids())) {
                return true;
            }
            token = found.nextPageToken();
        }
        LOG.warnf("assignment: stopped after %d pages of [%s]; some last resolutions not seen", config.maxPages(),
                query);
        return false;
    }

    Instant periodStart(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime start = switch (config.period()) {
            case WEEK -> local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(zone);
            case MONTH -> local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
        };
        return start.toInstant();
    }

    private void store(List<String> key, Workloads value, Instant now) {
        if (cache.size() >= MAX_CACHED_SETS) {
            cache.values().removeIf(w -> !now.isBefore(w.measuredAt().plus(config.metricsCacheTtl())));
            if (cache.size() >= MAX_CACHED_SETS) {
                cache.clear();
            }
        }
        cache.put(key, value);
    }

    /**
     * Finds the specialist an issue's assignee is: by the exact reference, else ignoring case (Data Center user
     * names are case-insensitive in JQL, and Jira may answer with another spelling).
     */
    private static final class Matcher {

        private final List<String> ids;
        private final Map<String, String> exact = new HashMap<>();
        private final Map<String, String> folded = new HashMap<>();

        Matcher(List<String> ids) {
            this.ids = ids;
            for (String id : ids) {
                exact.put(id, id);
                folded.merge(id.toLowerCase(Locale.ROOT), id, (a, b) -> a.equals(b) ? a : "");
            }
        }

        List<String> ids() {
            return ids;
        }

        Optional<String> match(JiraIssue issue) {
            if (issue.fields() == null || issue.fields().assignee() == null) {
                return Optional.empty();
            }
            String reference = issue.fields().assignee().reference();
            if (reference == null) {
                return Optional.empty();
            }
            String id = exact.get(reference);
            if (id == null) {
                id = folded.get(reference.toLowerCase(Locale.ROOT));
            }
            return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
        }
    }
}
