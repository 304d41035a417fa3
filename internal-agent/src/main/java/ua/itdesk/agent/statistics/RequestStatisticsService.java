package ua.itdesk.agent.statistics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.directory.DirectoryPerson;
import ua.itdesk.agent.directory.DirectoryUnavailableException;
import ua.itdesk.agent.events.JiraPeople;
import ua.itdesk.agent.jira.IssuePage;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.agent.jira.Jql;
import ua.itdesk.agent.requests.JiraCalls;
import ua.itdesk.agent.requests.Priorities;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.RequestStatistics;
import ua.itdesk.contracts.v1.RequestStatistics.RequestFact;
import ua.itdesk.contracts.v1.RequestStatistics.SpecialistLoad;

/**
 * The request facts of a period from Jira, all scoped to the service desk's project and searched with {@link Jql}
 * (dates only, no caller text):
 *
 * <ol>
 *   <li>created in the period: taken from the {@link StatisticsIndex} of the last {@code agent.statistics.max-days}
 *       days, brought up to date first with one search of what changed ({@code updated >=}); when the index cannot
 *       hold the window (more than the cap), searched directly ({@code created >= start AND created < end ORDER BY
 *       created ASC, key ASC});</li>
 *   <li>resolved in the period but created before it ({@code created < start AND resolved >= start AND resolved <
 *       end}): with the resolutions among the requests of (1), "resolved" per assignee;</li>
 *   <li>not done now ({@code statusCategory != Done}): "active" per assignee.</li>
 * </ol>
 *
 * Each search reads at most {@code agent.statistics.max-requests} issues, 1000 a page, through {@link JiraClient}
 * (its time limit, retries and circuit breaker). The index is built in the background at start-up
 * ({@code agent.statistics.index-at-start}) or else by the first reading. The answer of a period is kept for
 * {@code agent.statistics.cache-ttl}. Jira searches are counted in {@code agent.statistics.jira.calls} and in the
 * answer. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class RequestStatisticsService {

    private static final Logger LOG = Logger.getLogger(RequestStatisticsService.class);
    static final int PAGE_SIZE = 1000;
    private static final int MAX_CACHED_PERIODS = 32;
    private static final Comparator<StatisticsIndex.Entry> BY_CREATED = Comparator
            .comparing((StatisticsIndex.Entry e) -> e.fact().created()).thenComparingLong(e -> keyNumber(e.fact().key()))
            .thenComparing(e -> e.fact().key());

    private final JiraClient jira;
    private final JiraPeople people;
    private final Priorities priorities;
    private final AgentConfig.Statistics config;
    /** The zone of periods that name none: Jira's ({@code agent.jira.time-zone}). */
    private final ZoneId jiraZone;
    private final Clock clock;
    private final Counter jiraCalls;
    private final Timer readings;
    private final Map<List<Object>, RequestStatistics> cache = new ConcurrentHashMap<>();
    private final StatisticsIndex index = new StatisticsIndex();
    /** What a request's facts are made of (RequestFacts); the comments are the bulk of a page. */
    private final List<String> createdFields;
    private volatile String integrationAccount;

    RequestStatisticsService(JiraClient jira, JiraPeople people, Priorities priorities, AgentConfig config,
            MeterRegistry metrics) {
        this.jira = jira;
        this.people = people;
        this.priorities = priorities;
        this.config = config.statistics();
        this.jiraZone = config.jira().timeZone();
        this.clock = Clock.systemUTC();
        this.jiraCalls = metrics.counter("agent.statistics.jira.calls");
        this.readings = metrics.timer("agent.statistics.readings");
        this.createdFields = List.of("created", "resolutiondate", "status", "priority", "assignee", "reporter",
                "creator", "comment", this.config.requestTypeField());
        Gauge.builder("agent.statistics.index.requests", index, StatisticsIndex::size)
                .description("requests held by the statistics index").register(metrics);
        Gauge.builder("agent.statistics.index.ready", index, i -> i.built() ? 1 : 0)
                .description("1 once the statistics index is built").register(metrics);
        if (this.config.maxRequests() < 1 || this.config.maxDays() < 1 || this.config.cacheTtl().isNegative()) {
            throw new IllegalArgumentException(
                    "agent.statistics: max-requests and max-days must be positive, cache-ttl not negative");
        }
    }

    /**
     * The statistics of the days {@code from}..{@code to} (ISO dates, both included) in the zone named (an IANA id;
     * {@code agent.jira.time-zone} when blank).
     */
    public RequestStatistics requests(String from, String to, String zoneId) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        ZoneId zone = zone(zoneId);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (last.isBefore(first)) {
            throw invalid("PERIOD_REVERSED", "to is before from.");
        }
        if (last.isAfter(today)) {
            throw invalid("PERIOD_IN_FUTURE", "to is after today (" + today + ", " + zone.getId() + ").");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > config.maxDays()) {
            throw invalid("PERIOD_TOO_LONG", "The period is longer than " + config.maxDays() + " days.");
        }
        List<Object> key = List.of(first, last, zone);
        Instant now = clock.instant();
        RequestStatistics cached = cache.get(key);
        if (cached != null && now.isBefore(cached.measuredAt().plus(config.cacheTtl()))) {
            return cached.fromCache();
        }
        RequestStatistics fresh = readings.record(() -> read(first, last, zone, now));
        if (!config.cacheTtl().isZero()) {
            if (cache.size() >= MAX_CACHED_PERIODS) {
                cache.values().removeIf(s -> !now.isBefore(s.measuredAt().plus(config.cacheTtl())));
                if (cache.size() >= MAX_CACHED_PERIODS) {
                    cache.clear();
                }
            }
            cache.put(key, fresh);
        }
        return fresh;
    }

    private RequestStatistics read(LocalDate first, LocalDate last, ZoneId zone, Instant now) {
        int[] calls = {0};
        RequestFacts facts = facts(zone, calls);
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        String project = JiraCalls.call(() -> jira.serviceDesk().projectKey());

        List<StatisticsIndex.Entry> created = new ArrayList<>();
        Optional<List<StatisticsIndex.Entry>> held = indexed(facts, project, calls);
        boolean complete = true;
        if (held.isPresent()) {
            held.get().stream().filter(e -> !e.fact().created().isBefore(start) && e.fact().created().isBefore(end))
                    .sorted(BY_CREATED).forEach(created::add);
            if (created.size() > config.maxRequests()) {
                created.subList(config.maxRequests(), created.size()).clear(); // the oldest, as a search would
                complete = false;
            }
        } else {
            StatisticsIndex.Found found = read(jira.jql().project(project).createdSince(start).createdBefore(end)
                    .orderBy(Jql.Field.CREATED, Jql.Order.ASC).orderBy(Jql.Field.KEY, Jql.Order.ASC).build(),
                    createdFields, calls);
            found.issues().forEach(issue -> created.add(entry(facts, issue)));
            complete = found.complete();
        }

        List<RequestFact> requests = new ArrayList<>();
        Map<String, String> categoryNames = new HashMap<>();
        Map<String, JiraUser> assignees = new TreeMap<>();
        Map<String, Integer> resolved = new HashMap<>();
        for (StatisticsIndex.Entry e : created) {
            requests.add(e.fact());
            if (e.fact().categoryId() != null) {
                categoryNames.putIfAbsent(e.fact().categoryId(), e.categoryName());
            }
            Instant resolution = e.fact().resolved();
            if (resolution != null && !resolution.isBefore(start) && resolution.isBefore(end)) {
                countAssignee(e.assignee(), resolved, assignees);
            }
        }
        // resolved in the period: those created in it are counted above; Jira is asked only for the older ones
        StatisticsIndex.Found older = read(jira.jql().project(project).createdBefore(start).resolvedSince(start)
                .resolvedBefore(end).build(), List.of("assignee"), calls);
        older.issues().forEach(issue -> countAssignee(issue.fields().assignee(), resolved, assignees));
        Map<String, Integer> active = new HashMap<>();
        StatisticsIndex.Found open = read(jira.jql().project(project).statusCategoryNot(Jql.StatusCategory.DONE)
                .build(), List.of("assignee"), calls);
        open.issues().forEach(issue -> countAssignee(issue.fields().assignee(), active, assignees));
        complete &= older.complete() && open.complete();
        if (!complete) {
            LOG.warnf("statistics: %s..%s read to the cap of %d issues per query", first, last,
                    config.maxRequests());
        }

        List<SpecialistLoad> loads = new ArrayList<>();
        assignees.forEach((ref, user) -> loads.add(new SpecialistLoad(employeeId(user), user.displayName(),
                active.getOrDefault(ref, 0), resolved.getOrDefault(ref, 0))));
        int telegram = (int) requests.stream().filter(RequestFact::throughTelegram).count();
        LOG.infof("statistics: %s..%s: %d requests, %d Jira calls%s", first, last, requests.size(), calls[0],
                complete ? "" : " (truncated)");
        return new RequestStatistics(first, last, zone.getId(), now, requests.size(), telegram, !complete, calls[0],
                facts.perDay(requests), RequestFacts.categories(requests, categoryNames),
                RequestFacts.responseTimes(requests), loads, requests);
    }

    /**
     * The index's window: the longest period that may be asked for, ending today, in any zone (a day more, counted in
     * UTC, holds the first day of the period in every zone, from UTC-12 to UTC+14).
     */
    private Instant windowStart() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(config.maxDays() + 1L)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private StatisticsIndex.Source source(String project, int[] calls) {
        return new StatisticsIndex.Source() {
            @Override
            public StatisticsIndex.Found createdSince(Instant since) {
                return read(jira.jql().project(project).createdSince(since).build(), createdFields, calls);
            }

            @Override
            public StatisticsIndex.Found updatedSince(Instant since) {
                return read(jira.jql().project(project).updatedSince(since).build(), createdFields, calls);
            }
        };
    }

    private static StatisticsIndex.Entry entry(RequestFacts facts, JiraIssue issue) {
        return new StatisticsIndex.Entry(facts.fact(issue), facts.categoryName(issue.fields()),
                issue.fields().assignee());
    }

    /** Figures of the zone's days, knowing the agent's own Jira account (read once per process). */
    private RequestFacts facts(ZoneId zone, int[] calls) {
        return new RequestFacts(zone, config.requestTypeField(), integrationAccount(calls), priorities::fromJira);
    }

    /** The index brought up to date; empty when it cannot hold its window. */
    private Optional<List<StatisticsIndex.Entry>> indexed(RequestFacts facts, String project, int[] calls) {
        return index.upToDate(windowStart(), clock.instant(), source(project, calls), issue -> entry(facts, issue));
    }

    /** Builds the index in the background at start-up, so that the first reading finds it (logged, not fatal). */
    void buildAtStart(@Observes StartupEvent started) {
        if (!config.indexAtStart()) {
            return;
        }
        Thread builder = new Thread(() -> {
            long began = System.nanoTime();
            try {
                int[] calls = {0};
                boolean held = indexed(facts(jiraZone, calls), JiraCalls.call(() -> jira.serviceDesk().projectKey()),
                        calls).isPresent();
                LOG.infof("statistics index: %s %d requests of the last %d days in %d ms with %d Jira calls",
                        held ? "holds" : "not kept, more than the cap of", held ? index.size() : config.maxRequests(),
                        config.maxDays(), (System.nanoTime() - began) / 1_000_000, calls[0]);
            } catch (RuntimeException e) {
                LOG.warnf("statistics index: not built at start-up (%s); the first reading builds it", e.toString());
            }
        }, "statistics-index");
        builder.setDaemon(true);
        builder.start();
    }

    /** Reads every page up to the cap. */
    private StatisticsIndex.Found read(Jql query, List<String> fields, int[] calls) {
        List<JiraIssue> issues = new ArrayList<>();
        String token = null;
        do {
            int want = Math.min(PAGE_SIZE, config.maxRequests() - issues.size());
            String pageToken = token;
            IssuePage page = JiraCalls.call(() -> jira.search(query, fields, want, pageToken));
            calls[0]++;
            jiraCalls.increment();
            for (JiraIssue issue : page.issues()) {
                if (issues.size() < config.maxRequests()) {
                    issues.add(issue);
                }
            }
            token = page.nextPageToken();
        } while (token != null && issues.size() < config.maxRequests());
        return new StatisticsIndex.Found(issues, token == null);
    }

    private static void countAssignee(JiraUser assignee, Map<String, Integer> counts, Map<String, JiraUser> users) {
        if (assignee != null && assignee.reference() != null) {
            counts.merge(assignee.reference(), 1, Integer::sum);
            users.putIfAbsent(assignee.reference(), assignee);
        }
    }

    private String employeeId(JiraUser user) {
        try {
            return people.person(user).map(DirectoryPerson::employeeId).orElse(null);
        } catch (DirectoryUnavailableException e) {
            // the names still tell the supervisor who it is; the bot only misses the consultations of that person
            LOG.debugf("statistics: directory unavailable for %s", user.displayName());
            return null;
        }
    }

    private String integrationAccount(int[] calls) {
        String known = integrationAccount;
        if (known == null) {
            JiraUser me = JiraCalls.call(jira::myself);
            calls[0]++;
            jiraCalls.increment();
            known = Optional.ofNullable(me.reference()).orElseThrow(() -> new ApiException(
                    ProblemType.DEPENDENCY_UNAVAILABLE, "JIRA_ACCOUNT_UNKNOWN",
                    "The service desk did not name the agent's account.", JiraCalls.DEFAULT_RETRY_AFTER, null));
            integrationAccount = known;
        }
        return known;
    }

    private ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return jiraZone;
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw invalid("ZONE_INVALID", "zone is not a time zone id (such as Europe/Kyiv).");
        }
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw invalid("PERIOD_REQUIRED", name + " is required (yyyy-mm-dd).");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw invalid("PERIOD_INVALID", name + " is not a date (yyyy-mm-dd).");
        }
    }

    /** The number of an issue key ({@code ITS-42}: 42), which Jira's {@code ORDER BY key} follows within a project. */
    private static long keyNumber(String key) {
        try {
            return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static ApiException invalid(String reason, String detail) {
        return new ApiException(ProblemType.INVALID_REQUEST, reason, detail);
    }
}
