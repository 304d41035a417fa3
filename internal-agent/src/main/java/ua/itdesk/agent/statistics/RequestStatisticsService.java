package ua.itdesk.agent.statistics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
 * Reads the request facts of a period from Jira in three bounded, paged JQL searches, all scoped to the service
 * desk's project and built with {@link Jql} (dates only, no caller text):
 *
 * <ol>
 *   <li>created in the period ({@code created >= start AND created < end ORDER BY created ASC}): the requests;</li>
 *   <li>resolved in the period but created before it ({@code created < start AND resolved >= start AND resolved <
 *       end}): with the resolutions among the requests of (1), "resolved" per assignee;</li>
 *   <li>not done now ({@code statusCategory != Done}): "active" per assignee.</li>
 * </ol>
 *
 * Each reads at most {@code agent.statistics.max-requests} issues, 1000 a page, through {@link JiraClient} (its time
 * limit, retries and circuit breaker). The answer of a period is kept for {@code agent.statistics.cache-ttl}. Jira
 * searches are counted in {@code agent.statistics.jira.calls} and in the answer. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class RequestStatisticsService {

    private static final Logger LOG = Logger.getLogger(RequestStatisticsService.class);
    static final int PAGE_SIZE = 1000;
    private static final int MAX_CACHED_PERIODS = 32;

    private final JiraClient jira;
    private final JiraPeople people;
    private final Priorities priorities;
    private final AgentConfig.Statistics config;
    private final ZoneId zone;
    private final Clock clock;
    private final Counter jiraCalls;
    private final Timer readings;
    private final Map<List<LocalDate>, RequestStatistics> cache = new ConcurrentHashMap<>();
    private volatile String integrationAccount;

    RequestStatisticsService(JiraClient jira, JiraPeople people, Priorities priorities, AgentConfig config,
            MeterRegistry metrics) {
        this.jira = jira;
        this.people = people;
        this.priorities = priorities;
        this.config = config.statistics();
        this.zone = config.jira().timeZone();
        this.clock = Clock.systemUTC();
        this.jiraCalls = metrics.counter("agent.statistics.jira.calls");
        this.readings = metrics.timer("agent.statistics.readings");
        if (this.config.maxRequests() < 1 || this.config.maxDays() < 1 || this.config.cacheTtl().isNegative()) {
            throw new IllegalArgumentException(
                    "agent.statistics: max-requests and max-days must be positive, cache-ttl not negative");
        }
    }

    /** The statistics of the days {@code from}..{@code to} (ISO dates, both included). */
    public RequestStatistics requests(String from, String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
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
        List<LocalDate> key = List.of(first, last);
        Instant now = clock.instant();
        RequestStatistics cached = cache.get(key);
        if (cached != null && now.isBefore(cached.measuredAt().plus(config.cacheTtl()))) {
            return cached.fromCache();
        }
        RequestStatistics fresh = readings.record(() -> read(first, last, now));
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

    private RequestStatistics read(LocalDate first, LocalDate last, Instant now) {
        int[] calls = {0};
        String us = integrationAccount(calls);
        RequestFacts facts = new RequestFacts(zone, config.requestTypeField(), us, priorities::fromJira);
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        String project = JiraCalls.call(() -> jira.serviceDesk().projectKey());

        List<RequestFact> requests = new ArrayList<>();
        List<JiraIssue> createdIssues = new ArrayList<>();
        Map<String, String> categoryNames = new HashMap<>();
        Map<String, JiraUser> assignees = new TreeMap<>();
        List<String> createdFields = List.of("created", "resolutiondate", "status", "priority", "assignee", "reporter",
                "creator", "comment", config.requestTypeField());
        boolean complete = read(jira.jql().project(project).createdSince(start).createdBefore(end)
                .orderBy(Jql.Field.CREATED, Jql.Order.ASC).orderBy(Jql.Field.KEY, Jql.Order.ASC).build(),
                createdFields, calls, issue -> {
                    createdIssues.add(issue);
                    requests.add(facts.fact(issue));
                    String category = facts.categoryId(issue.fields());
                    if (category != null) {
                        categoryNames.putIfAbsent(category, facts.categoryName(issue.fields()));
                    }
                });

        // resolved in the period: those created in it are already read; ask Jira only for the older ones
        Map<String, Integer> resolved = new HashMap<>();
        for (JiraIssue issue : createdIssues) {
            JiraIssue.Fields f = issue.fields();
            if (f.resolutiondate() != null && !f.resolutiondate().toInstant().isBefore(start)
                    && f.resolutiondate().toInstant().isBefore(end)) {
                countAssignee(issue, resolved, assignees);
            }
        }
        complete &= read(jira.jql().project(project).createdBefore(start).resolvedSince(start).resolvedBefore(end)
                .build(), List.of("assignee"), calls, issue -> countAssignee(issue, resolved, assignees));
        Map<String, Integer> active = new HashMap<>();
        complete &= read(jira.jql().project(project).statusCategoryNot(Jql.StatusCategory.DONE).build(),
                List.of("assignee"), calls, issue -> countAssignee(issue, active, assignees));
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

    /** Reads every page up to the cap; false when more were left. */
    private boolean read(Jql query, List<String> fields, int[] calls, Consumer<JiraIssue> each) {
        String token = null;
        int seen = 0;
        do {
            int want = Math.min(PAGE_SIZE, config.maxRequests() - seen);
            String pageToken = token;
            IssuePage page = JiraCalls.call(() -> jira.search(query, fields, want, pageToken));
            calls[0]++;
            jiraCalls.increment();
            for (JiraIssue issue : page.issues()) {
                if (seen++ < config.maxRequests()) {
                    each.accept(issue);
                }
            }
            token = page.nextPageToken();
        } while (token != null && seen < config.maxRequests());
        return token == null;
    }

    private static void countAssignee(JiraIssue issue, Map<String, Integer> counts, Map<String, JiraUser> users) {
        JiraUser assignee = issue.fields() == null ? null : issue.fields().assignee();
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

    private static ApiException invalid(String reason, String detail) {
        return new ApiException(ProblemType.INVALID_REQUEST, reason, detail);
    }
}
