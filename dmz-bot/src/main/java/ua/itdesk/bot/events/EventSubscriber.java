package ua.itdesk.bot.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import ua.itdesk.bot.agent.AgentEventsClient;
import ua.itdesk.bot.agent.PollOutcome;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.contracts.v1.EventBatch;
import ua.itdesk.contracts.v1.EventsApi;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * Follows the agent's event stream (Z3) with long polls on a thread of its own, never the scheduler's. Only the
 * instance holding the {@link Leadership} lock polls; the others check every {@code bot.events.standby-check}
 * whether they may take over. The cursor is stored after a batch has been handled, so a restart resumes where the
 * last instance left (a batch cut short by a crash comes again and is de-duplicated). When the agent is down the
 * pause doubles up to {@code bot.events.max-backoff}. A reset of the stream, a refused cursor and every takeover
 * run a reconciliation.
 */
@ApplicationScoped
public class EventSubscriber {

    private static final Logger LOG = Logger.getLogger(EventSubscriber.class);

    private final AgentEventsClient agent;
    private final RequestNotifier notifier;
    private final Reconciler reconciler;
    private final Event<EventStreamReset> resets;
    private final DataSource db;
    private final BotConfig config;
    private final Counter received;
    private final Counter resetCount;
    private final Timer lag;
    private final AtomicInteger subscribed;
    private volatile boolean running;
    private volatile Leadership leadership;
    private Thread thread;

    EventSubscriber(AgentEventsClient agent, RequestNotifier notifier, Reconciler reconciler,
            Event<EventStreamReset> resets, DataSource db, BotConfig config, MeterRegistry metrics) {
        this.agent = agent;
        this.notifier = notifier;
        this.reconciler = reconciler;
        this.resets = resets;
        this.db = db;
        this.config = config;
        this.received = metrics.counter("bot.events.received");
        this.resetCount = metrics.counter("bot.events.resets");
        this.lag = Timer.builder("bot.events.lag")
                .description("from the change in Jira to its event being handled by the bot")
                .register(metrics);
        this.subscribed = metrics.gauge("bot.events.subscribed", new AtomicInteger());
    }

    void start(@Observes StartupEvent event) {
        synchronized (this) {
            running = true;
            thread = new Thread(this::loop, "agent-events");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            running = false;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /** Whether this instance follows the stream right now (the reconciliation job runs only where it does). */
    public boolean subscribed() {
        return leadership != null;
    }

    private void loop() {
        int wait = (int) Math.max(0, Math.min(EventsApi.MAX_WAIT_SECONDS, config.events().pollWait().toSeconds()));
        LOG.infof("event subscriber started (long poll %d s); waiting for the subscription lock", wait);
        String cursor = null;
        int failures = 0;
        long total = 0;
        while (running) {
            if (leadership == null || !leadership.held()) {
                if (leadership != null) {
                    LOG.warn("lost the subscription lock (database connection gone); trying to take it again");
                    release();
                }
                if (!takeOver()) {
                    if (!sleep(config.events().standbyCheck())) {
                        break;
                    }
                    continue;
                }
                try {
                    Leadership.Position position = leadership.position();
                    cursor = position.cursor();
                    LOG.infof("subscribed to the agent's events, resuming at cursor %s (last event %s)",
                            cursor == null ? "none (from now on)" : cursor, position.lastEventAt());
                } catch (SQLException e) {
                    LOG.warnf("could not read the stored cursor: %s", e.getMessage());
                    release();
                    continue;
                }
                reconciler.reconcile("subscription taken");
            }
            Duration pause = null;
            PollOutcome outcome = agent.poll(cursor, wait);
            if (outcome instanceof PollOutcome.Received r) {
                if (failures > 0) {
                    LOG.infof("the agent's event stream works again after %d failed poll(s)", failures);
                    failures = 0;
                }
                try {
                    cursor = handle(r.batch(), cursor);
                    total += r.batch().events().size();
                    if (!r.batch().events().isEmpty()) {
                        LOG.infof("handled %d event(s), %d since start; cursor %s", r.batch().events().size(),
                                total, cursor);
                    }
                } catch (SQLException e) {
                    LOG.warnf("could not store the cursor: %s; giving up the subscription", e.getMessage());
                    release();
                } catch (RuntimeException e) {
                    failures++;
                    pause = backoff(failures);
                    LOG.errorf(e, "handling events failed; the batch comes again after %s", pause);
                }
            } else if (outcome instanceof PollOutcome.CursorRefused) {
                LOG.warnf("the agent refused cursor %s; starting from now and reconciling the gap", cursor);
                cursor = null;
                try {
                    leadership.save(null, null);
                } catch (SQLException e) {
                    release();
                    continue;
                }
                streamReset("cursor refused");
            } else if (running) {
                failures++;
                pause = backoff(failures);
                LOG.warnf("polling the agent's events failed (%s); next attempt in %s",
                        ((PollOutcome.Failed) outcome).reason(), pause);
            }
            if (pause != null && !sleep(pause)) {
                break;
            }
        }
        release();
        LOG.info("event subscriber stopped");
    }

    /** Notifies the batch's events in order, then stores its cursor; returns the cursor to poll with next. */
    private String handle(EventBatch batch, String cursor) throws SQLException {
        Instant latest = null;
        for (RequestEvent e : batch.events()) {
            received.increment();
            if (e.occurredAt() != null) {
                lag.record(Duration.between(e.occurredAt(), Instant.now()).abs());
                latest = latest == null || e.occurredAt().isAfter(latest) ? e.occurredAt() : latest;
            }
            notifier.handle(e);
        }
        String next = batch.cursor() != null ? batch.cursor() : cursor;
        if (latest != null || next != null && !next.equals(cursor)) {
            leadership.save(next, latest);
        }
        if (batch.reset()) {
            LOG.warnf("the agent could not resume at cursor %s (it restarted, or the bot was away too long)", cursor);
            streamReset("stream reset");
        }
        return next;
    }

    private void streamReset(String reason) {
        resetCount.increment();
        reconciler.reconcile(reason);
        resets.fire(new EventStreamReset(reason));
    }

    private boolean takeOver() {
        try {
            leadership = Leadership.tryAcquire(db);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not ask for the subscription lock: %s", e.getMessage());
            leadership = null;
        }
        subscribed.set(leadership != null ? 1 : 0);
        return leadership != null;
    }

    private void release() {
        Leadership l = leadership;
        leadership = null;
        subscribed.set(0);
        if (l != null) {
            l.close();
        }
    }

    private Duration backoff(int failures) {
        Duration pause = Duration.ofSeconds(1L << Math.min(failures - 1, 10));
        Duration max = config.events().maxBackoff();
        return pause.compareTo(max) > 0 ? max : pause;
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
