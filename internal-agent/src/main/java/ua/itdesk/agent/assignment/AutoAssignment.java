package ua.itdesk.agent.assignment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.jira.IssuePage;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraRejectedException;
import ua.itdesk.agent.jira.JiraUnavailableException;
import ua.itdesk.agent.jira.Jql;
import ua.itdesk.agent.presence.PresenceGained;
import ua.itdesk.contracts.v1.RequestEvent;
import ua.itdesk.contracts.v1.RequestEventType;

/**
 * Assigns each new request (T2) off the request thread: the online specialists who have a Jira account are ranked
 * ({@link SpecialistRanking}: measured by {@link WorkloadMetrics}, scored by {@link AssignmentScorer}); the best
 * one gets it ({@link JiraClient#assign}). Nobody available: the request stays in Jira's queue, a
 * {@link RequestEventType#NO_SPECIALIST_AVAILABLE} {@link RequestEvent} goes out (the bot tells the supervisors),
 * and the request waits in a bounded list until the presence set gains someone.
 *
 * <p>All work runs on one thread, one request after the other, so that each assignment sees the load the previous
 * one added (the metrics cache is cleared after every assignment). Jira being unavailable is retried after
 * {@code retry-backoff}, doubled each time, {@code retries} times; then the request stays unassigned, logged and
 * counted.
 */
@ApplicationScoped
@Startup // its gauges are there from the start, not from the first use
public class AutoAssignment {

    private static final Logger LOG = Logger.getLogger(AutoAssignment.class);
    private static final List<String> CHECK_FIELDS = List.of("assignee", "status");

    private final SpecialistRanking ranking;
    private final WorkloadMetrics workloads;
    private final JiraClient jira;
    private final Event<RequestEvent> events;
    private final MeterRegistry metrics;
    private final int retries;
    private final Duration backoff;
    private final WaitingList waiting;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "auto-assignment");
        t.setDaemon(true);
        return t;
    });

    AutoAssignment(SpecialistRanking ranking, WorkloadMetrics workloads, JiraClient jira,
            Event<RequestEvent> events, MeterRegistry metrics, AgentConfig config) {
        this.ranking = ranking;
        this.workloads = workloads;
        this.jira = jira;
        this.events = events;
        this.metrics = metrics;
        this.retries = config.assignment().retries();
        this.backoff = config.assignment().retryBackoff();
        this.waiting = new WaitingList(config.assignment().waitingMax());
        Gauge.builder("agent.assignment.waiting", waiting, WaitingList::size)
                .description("new requests waiting for a specialist to come online").register(metrics);
    }

    /** Refuses settings that cannot work; called at start-up. */
    static void check(AgentConfig.Assignment config) {
        if (config.presenceLease().isNegative() || config.presenceLease().isZero()) {
            throw new IllegalArgumentException("presence-lease must be positive");
        }
        if (config.peopleCacheTtl().isNegative()) {
            throw new IllegalArgumentException("people-cache-ttl must not be negative");
        }
        if (config.retries() < 0 || config.retries() > 20) {
            throw new IllegalArgumentException("retries must be between 0 and 20");
        }
        if (config.retryBackoff().isNegative() || config.retryBackoff().isZero()) {
            throw new IllegalArgumentException("retry-backoff must be positive");
        }
        if (config.waitingMax() < 1) {
            throw new IllegalArgumentException("waiting-max must be at least 1");
        }
    }

    /** Queues the assignment of a request just created; returns at once. */
    public void assignLater(CreatedRequest request) {
        submit(new Job(request, 0, false), Duration.ZERO);
    }

    /** Someone came online: the waiting requests are tried again, in serving order, after whatever is queued. */
    void onPresenceGained(@Observes PresenceGained gained) {
        submit(null, Duration.ZERO);
    }

    /** Requests waiting for a specialist now. */
    int waitingCount() {
        return waiting.size();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** A job, or (null) the drain of the waiting list, which must run on the worker so it sees every earlier job. */
    private void submit(Job job, Duration delay) {
        try {
            worker.schedule(() -> {
                if (job == null) {
                    List<CreatedRequest> ready = waiting.drain();
                    if (!ready.isEmpty()) {
                        LOG.infof("assignment: a specialist came online; %d waiting requests tried again",
                                ready.size());
                    }
                    ready.forEach(r -> run(new Job(r, 0, true)));
                } else {
                    run(job);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warnf("assignment: shutting down, %s left unassigned", job == null ? "waiting list" : job.key());
        }
    }

    private void run(Job job) {
        try {
            assign(job);
        } catch (JiraUnavailableException | FaultToleranceException | WorkloadUnavailableException e) {
            if (job.attempt() < retries) {
                Duration delay = backoff.multipliedBy(1L << job.attempt());
                LOG.warnf("assignment: %s not assigned yet, Jira unavailable (%s); attempt %d of %d in %s", job.key(),
                        e.getMessage(), job.attempt() + 2, retries + 1, delay);
                submit(job.next(), delay);
            } else {
                LOG.errorf("assignment: %s left unassigned in the queue after %d attempts, Jira unavailable: %s",
                        job.key(), job.attempt() + 1, e.getMessage());
                count("failed");
            }
        } catch (JiraRejectedException e) {
            LOG.errorf("assignment: %s left unassigned in the queue, Jira refused: %s", job.key(), e.getMessage());
            count("failed");
        } catch (RuntimeException e) {
            LOG.errorf(e, "assignment: %s left unassigned in the queue", job.key());
            count("failed");
        }
    }

    private void assign(Job job) throws WorkloadUnavailableException {
        CreatedRequest request = job.request();
        if (job.fromWaitingList() && !stillUnassigned(request.key())) {
            LOG.infof("assignment: %s was assigned or closed meanwhile; no longer waiting", request.key());
            count("taken-meanwhile");
            return;
        }
        SpecialistRanking.Ranking now = ranking.rank();
        Optional<ScoredCandidate> first = now.best();
        if (first.isEmpty()) {
            nobody(job, now.online() == 0 ? "nobody online (or presence unknown)"
                    : now.online() + " online, none with a Jira account");
            return;
        }
        ScoredCandidate best = first.get();
        List<ScoredCandidate> ranked = now.ranked();
        jira.assign(request.key(), best.specialistId());
        workloads.invalidate();
        LOG.infof("assignment: %s assigned to %s (employee %s) among %d candidates%s; scores %s", request.key(),
                best.specialistId(), now.employeeOf(best.specialistId()), ranked.size(),
                job.fromWaitingList() ? " after waiting" : "", scores(ranked));
        count("assigned");
    }

    /** Whether the request is still open and nobody took it while it waited; a key Jira refuses is gone. */
    private boolean stillUnassigned(String key) {
        Jql query = jira.jql().project(jira.serviceDesk().projectKey()).issueKeys(List.of(key)).build();
        IssuePage found;
        try {
            found = jira.search(query, CHECK_FIELDS, 1, null);
        } catch (JiraRejectedException e) {
            return false;
        }
        Optional<JiraIssue> issue = found.issues().stream().filter(i -> key.equals(i.key())).findFirst();
        return issue.map(JiraIssue::fields).filter(f -> f.assignee() == null)
                .filter(f -> f.status() == null || !f.status().done()).isPresent();
    }

    private void nobody(Job job, String why) {
        CreatedRequest request = job.request();
        Optional<CreatedRequest> dropped = waiting.add(request);
        if (job.fromWaitingList()) {
            LOG.infof("assignment: %s still has no specialist (%s); waiting again", request.key(), why);
        } else {
            LOG.infof("assignment: %s left in the queue, no specialist available (%s); waiting, supervisors told",
                    request.key(), why);
            count("no-specialist");
            notifySupervisors(request);
        }
        dropped.ifPresent(d -> {
            LOG.warnf("assignment: waiting list full (%d); %s dropped from it, stays unassigned in the queue",
                    waiting.size(), d.key());
            count("waiting-dropped");
        });
    }

    private void notifySupervisors(CreatedRequest r) {
        try {
            events.fire(new RequestEvent(r.key() + ":no-specialist", RequestEventType.NO_SPECIALIST_AVAILABLE,
                    r.key(), Instant.now(), r.summary(), r.priority(), r.status(), r.webLink(),
                    r.reporterEmployeeId(), null, null, null, null));
        } catch (RuntimeException e) {
            LOG.errorf(e, "assignment: the no-specialist notice of %s was not handed on", r.key());
        }
    }

    private void count(String outcome) {
        metrics.counter("agent.assignments", "outcome", outcome).increment();
    }

    private static String scores(List<ScoredCandidate> ranked) {
        return ranked.stream().map(s -> String.format(Locale.ROOT, "%s=%.3f", s.specialistId(), s.score()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private record Job(CreatedRequest request, int attempt, boolean fromWaitingList) {

        String key() {
            return request.key();
        }

        Job next() {
            return new Job(request, attempt + 1, fromWaitingList);
        }
    }
}
