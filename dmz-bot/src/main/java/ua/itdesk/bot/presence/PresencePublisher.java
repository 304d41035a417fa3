package ua.itdesk.bot.presence;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import ua.itdesk.bot.agent.AgentEventsClient;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.events.EventStreamReset;
import ua.itdesk.contracts.v1.Presence;

/**
 * Keeps the agent's copy of who is online (T2) true: the whole set goes to {@code PUT /api/v1/presence} on every
 * change, after a reset of the event stream (the agent may have restarted and forgotten it), and every
 * {@code bot.presence.push-every} (the first run right after start), well inside the agent's lease. The periodic
 * run first switches off specialists whose session has ended. Every instance may push: each sends the set the
 * shared database holds.
 */
@ApplicationScoped
@Startup // its gauges exist from the start, before the first use or scheduled run
class PresencePublisher {

    private static final Logger LOG = Logger.getLogger(PresencePublisher.class);

    private final AvailabilityStore store;
    private final AgentEventsClient agent;
    private final BotConfig config;
    private final MeterRegistry metrics;
    private final AtomicInteger online;
    private final ReentrantLock pushing = new ReentrantLock();

    PresencePublisher(AvailabilityStore store, AgentEventsClient agent, BotConfig config, MeterRegistry metrics) {
        this.store = store;
        this.agent = agent;
        this.config = config;
        this.metrics = metrics;
        this.online = metrics.gauge("bot.presence.online", new AtomicInteger());
    }

    @Scheduled(every = "${bot.presence.push-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        List<String> gone = store.offlineWithoutSession(idleCutoff());
        if (!gone.isEmpty()) {
            LOG.infof("%d specialist(s) switched offline because their session ended", gone.size());
        }
        publish("periodic");
    }

    void afterReset(@Observes EventStreamReset reset) {
        publish(reset.reason());
    }

    /** Sends the whole set now; false when the agent could not be told (the periodic run tries again). */
    boolean publish(String reason) {
        pushing.lock();
        try {
            List<String> ids = store.online(idleCutoff());
            boolean told = agent.replacePresence(new Presence(ids));
            online.set(ids.size());
            metrics.counter("bot.presence.pushes", "outcome", told ? "sent" : "failed").increment();
            if (told && !"periodic".equals(reason)) {
                LOG.infof("presence sent to the agent (%s): %d specialist(s) online", reason, ids.size());
            } else if (told) {
                LOG.debugf("presence sent to the agent: %d specialist(s) online", ids.size());
            }
            return told;
        } finally {
            pushing.unlock();
        }
    }

    private Instant idleCutoff() {
        return Instant.now().minus(config.session().idleTimeout());
    }
}
