package ua.itdesk.bot.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import ua.itdesk.bot.agent.AgentEventsClient;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.contracts.v1.ChangesQuery;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * Reconciliation (Z3, R5): asks the agent what happened to the tracked, not yet done requests since shortly before
 * the last event the bot saw, and feeds the answer through the same de-duplicating {@link RequestNotifier}, so a
 * lost webhook, a reset stream or a downtime of either side loses nothing and repeats nothing. Runs when the
 * stream resets, when this instance takes the subscription over, and every {@code bot.events.reconcile-every} on
 * the instance that holds the subscription.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final NotificationStore store;
    private final RequestNotifier notifier;
    private final AgentEventsClient agent;
    private final Instance<EventSubscriber> subscriber;
    private final BotConfig config;
    private final MeterRegistry metrics;
    private final ReentrantLock running = new ReentrantLock();

    Reconciler(NotificationStore store, RequestNotifier notifier, AgentEventsClient agent,
            Instance<EventSubscriber> subscriber, BotConfig config, MeterRegistry metrics) {
        this.store = store;
        this.notifier = notifier;
        this.agent = agent;
        this.subscriber = subscriber;
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(every = "${bot.events.reconcile-every}", delayed = "${bot.events.reconcile-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        if (subscriber.get().subscribed()) {
            reconcile("periodic");
        }
    }

    /**
     * Reconciles every open tracked request now, unless a reconciliation is already running (it covers the same).
     *
     * @return whether the agent answered for every request
     */
    public boolean reconcile(String reason) {
        if (!running.tryLock()) {
            LOG.debugf("reconciliation (%s) skipped: one is running", reason);
            return false;
        }
        try {
            List<String> keys = store.openKeys();
            if (keys.isEmpty()) {
                LOG.debugf("reconciliation (%s): no open request tracked", reason);
                return true;
            }
            Instant since = store.knownUntil().orElseGet(Instant::now).minus(config.events().reconcileMargin());
            int events = 0;
            int chunks = 0;
            for (int from = 0; from < keys.size(); from += ChangesQuery.MAX_KEYS) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + ChangesQuery.MAX_KEYS));
                Optional<List<RequestEvent>> changes = agent.changes(new ChangesQuery(since, List.copyOf(chunk)));
                if (changes.isEmpty()) {
                    LOG.warnf("reconciliation (%s) stopped after %d of %d request(s): the agent did not answer;"
                            + " the next run tries again", reason, from, keys.size());
                    metrics.counter("bot.events.reconciliations", "outcome", "failed").increment();
                    return false;
                }
                List<RequestEvent> ordered = changes.get().stream()
                        .sorted(Comparator.comparing(RequestEvent::occurredAt,
                                Comparator.nullsFirst(Comparator.naturalOrder())))
                        .toList();
                for (RequestEvent e : ordered) {
                    notifier.handle(e);
                }
                events += ordered.size();
                chunks++;
            }
            LOG.infof("reconciliation (%s): %d open request(s) since %s in %d call(s), %d event(s) checked", reason,
                    keys.size(), since, chunks, events);
            metrics.counter("bot.events.reconciliations", "outcome", "done").increment();
            metrics.counter("bot.events.reconciled").increment(events);
            return true;
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconciliation (%s) failed; the next run tries again", reason);
            metrics.counter("bot.events.reconciliations", "outcome", "failed").increment();
            return false;
        } finally {
            running.unlock();
        }
    }
}
