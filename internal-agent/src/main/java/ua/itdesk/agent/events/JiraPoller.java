package ua.itdesk.agent.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.config.AgentConfig.Jira.EventSource;
import ua.itdesk.agent.directory.DirectoryUnavailableException;
import ua.itdesk.agent.jira.Comment;
import ua.itdesk.agent.jira.IssuePage;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraException;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.agent.jira.Jql;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * Polling for Jira Cloud ({@code agent.jira.events=polling}), which cannot reach an agent inside the company: every
 * {@code agent.jira.polling.interval}, the requests of the desk's project updated since the last poll (JQL
 * {@code updated >= <last poll, less a minute>}, oldest first) are compared with the state last seen, and the
 * differences become the events a webhook would have brought: {@code CREATED}, {@code STATUS_CHANGED},
 * {@code ASSIGNED}, and {@code COMMENT_ADDED} for each new public comment (read from the service desk's own
 * comment list, which holds only what the customer sees). The first poll only sets the baseline. A request not seen
 * before that changes later reports its current status and assignee (the bot drops values it already has).
 *
 * <p>JQL dates have minute precision and two clocks are involved, hence the minute of overlap; repeats are
 * recognised by the remembered state and, for comments, by the event log's ids. A failed poll is retried whole by
 * the next one, from the same point.
 */
@ApplicationScoped
class JiraPoller {

    private static final Logger LOG = Logger.getLogger(JiraPoller.class);
    private static final Duration OVERLAP = Duration.ofMinutes(1);
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 10;
    private static final List<String> FIELDS = List.of("summary", "status", "priority", "assignee", "reporter",
            "created", "updated");

    private final JiraClient jira;
    private final RequestEvents events;
    private final EventLog log;
    private final boolean enabled;
    private final Duration interval;
    private final int maxTracked;
    private final Clock clock = Clock.systemUTC();
    private final Counter succeeded;
    private final Counter failed;
    private final Map<String, Seen> seen;
    /** Start of the last successful poll; null until the baseline is set. */
    private volatile Instant lastSuccess;
    private volatile String lastFailure;

    JiraPoller(JiraClient jira, RequestEvents events, EventLog log, AgentConfig config, MeterRegistry metrics) {
        this.jira = jira;
        this.events = events;
        this.log = log;
        this.enabled = EventSources.of(config.jira()) == EventSource.POLLING;
        this.interval = config.jira().polling().interval();
        this.maxTracked = Math.max(1, config.jira().polling().maxTracked());
        this.seen = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > maxTracked;
            }
        };
        this.succeeded = Counter.builder("agent.jira.polls").tag("outcome", "success")
                .description("Polls of Jira for changes").register(metrics);
        this.failed = Counter.builder("agent.jira.polls").tag("outcome", "failure")
                .description("Polls of Jira for changes").register(metrics);
        Gauge.builder("agent.jira.poll.lag", this, p -> p.lag().map(Duration::toMillis).orElse(-1L) / 1000.0)
                .description("Seconds since the start of the last successful poll of Jira (-1 before the first)")
                .baseUnit("seconds").strongReference(true).register(metrics);
    }

    void announce(@Observes StartupEvent start) {
        if (enabled) {
            LOG.infof("Jira changes: polling every %s", interval);
        }
    }

    @Scheduled(identity = "jira-events-poll", every = "${agent.jira.polling.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            poll();
        } catch (JiraException | DirectoryUnavailableException | FaultToleranceException e) {
            failed.increment();
            lastFailure = e.toString();
            LOG.warnf("poll of Jira failed, the next one covers the same time: %s", e.getMessage());
        }
    }

    /** Whether polling is the configured source. */
    boolean enabled() {
        return enabled;
    }

    /** How long ago the last successful poll started; empty before the first. */
    Optional<Duration> lag() {
        Instant last = lastSuccess;
        return last == null ? Optional.empty() : Optional.of(Duration.between(last, clock.instant()));
    }

    Duration interval() {
        return interval;
    }

    Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** One poll; the number of events it published. */
    synchronized int poll() {
        Instant started = clock.instant();
        Instant previous = lastSuccess;
        boolean baseline = previous == null;
        Instant since = (baseline ? started : previous).minus(OVERLAP);
        Changed read = changedSince(since);
        List<JiraIssue> changed = read.issues();
        int published = 0;
        for (JiraIssue issue : changed) {
            if (issue.key() == null || issue.fields() == null) {
                continue;
            }
            Seen before;
            synchronized (seen) {
                before = seen.get(issue.key());
            }
            long lastComment = before == null ? -1 : before.lastCommentId();
            if (!baseline && (before == null || !Objects.equals(before.updated(), updated(issue)))) {
                List<Comment> comments = PublicComments.of(jira, issue.key());
                for (RequestEvent e : differences(issue, before, comments, since, previous)) {
                    published += log.publish(e) ? 1 : 0;
                }
                lastComment = Math.max(lastComment, comments.stream().mapToLong(c -> number(c.id())).max()
                        .orElse(-1));
            }
            synchronized (seen) {
                seen.put(issue.key(), new Seen(status(issue), assignee(issue), updated(issue), lastComment));
            }
        }
        // after a cut-short read, the next poll goes on from the last request read
        lastSuccess = read.complete() || changed.isEmpty() ? started
                : Optional.ofNullable(updated(changed.get(changed.size() - 1))).orElse(started).plus(OVERLAP);
        lastFailure = null;
        succeeded.increment();
        if (baseline) {
            LOG.infof("Jira polling: baseline of %d request(s) updated since %s", changed.size(), since);
        } else if (published > 0) {
            LOG.infof("Jira polling: %d request(s) updated since %s, %d event(s)", changed.size(), since, published);
        } else {
            LOG.debugf("Jira polling: %d request(s) updated since %s, nothing new", changed.size(), since);
        }
        return published;
    }

    private List<RequestEvent> differences(JiraIssue issue, Seen before, List<Comment> comments, Instant since,
            Instant previous) {
        Instant at = Optional.ofNullable(updated(issue)).orElseGet(clock::instant);
        List<RequestEvent> found = new ArrayList<>();
        if (before == null) {
            Instant created = issue.fields().created() == null ? null : issue.fields().created().toInstant();
            if (created != null && !created.isBefore(previous.minus(OVERLAP))) {
                found.add(events.created(issue, created));
            } else {
                found.add(events.statusChanged(issue, at));
            }
            events.assigned(issue, at).ifPresent(found::add);
        } else {
            if (!Objects.equals(before.status(), status(issue))) {
                found.add(events.statusChanged(issue, at));
            }
            if (!Objects.equals(before.assignee(), assignee(issue))) {
                events.assigned(issue, at).ifPresent(found::add);
            }
        }
        for (Comment c : comments) {
            Instant created = c.created() == null ? null : c.created().instant().orElse(null);
            boolean isNew = before != null && before.lastCommentId() >= 0 ? number(c.id()) > before.lastCommentId()
                    : created == null || !created.isBefore(since);
            if (isNew) {
                found.add(events.commentAdded(issue, new RequestEvents.JiraComment(c.id(), c.author(), c.body(),
                        created)));
            }
        }
        return found;
    }

    private Changed changedSince(Instant since) {
        Jql query = jira.jql().project(jira.serviceDesk().projectKey()).updatedSince(since)
                .orderBy(Jql.Field.UPDATED, Jql.Order.ASC).build();
        List<JiraIssue> all = new ArrayList<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            IssuePage found = jira.search(query, FIELDS, PAGE, token);
            all.addAll(found.issues());
            if (found.isLast()) {
                return new Changed(all, true);
            }
            token = found.nextPageToken();
        }
        LOG.warnf("Jira polling: more than %d requests updated since %s; the rest waits for the next poll",
                all.size(), since);
        return new Changed(all, false);
    }

    private static Instant updated(JiraIssue issue) {
        return issue.fields().updated() == null ? null : issue.fields().updated().toInstant();
    }

    private static String status(JiraIssue issue) {
        return issue.fields().status() == null ? null : issue.fields().status().name();
    }

    private static String assignee(JiraIssue issue) {
        JiraUser a = issue.fields().assignee();
        return a == null ? null : a.reference();
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException | NullPointerException e) {
            return -1;
        }
    }

    private record Changed(List<JiraIssue> issues, boolean complete) {
    }

    private record Seen(String status, String assignee, Instant updated, long lastCommentId) {
    }
}
