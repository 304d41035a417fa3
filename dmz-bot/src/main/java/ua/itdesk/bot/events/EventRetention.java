package ua.itdesk.bot.events;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;
import ua.itdesk.bot.config.BotConfig;

/**
 * Forgets notification messages, notified event ids and finished or silent requests after
 * {@code bot.events.retention} (Z4). Idempotent deletes by age, safe on several instances at once.
 */
@ApplicationScoped
class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class);

    private final NotificationStore store;
    private final BotConfig config;

    EventRetention(NotificationStore store, BotConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "7m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int[] removed = store.purge(Instant.now().minus(config.events().retention()));
        LOG.infof("event retention: %d notification messages, %d notified event ids, %d tracked requests removed",
                removed[0], removed[1], removed[2]);
    }
}
