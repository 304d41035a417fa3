package ua.itdesk.bot.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;
import ua.itdesk.bot.config.BotConfig;

/**
 * Scheduled purge (S6, Z4): the DMZ keeps data only while it serves a purpose. Every statement is an idempotent
 * DELETE/UPDATE by age, so several bot instances running it at once do no harm (R4).
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final EntityManager em;
    private final BotConfig config;

    Housekeeping(EntityManager em, BotConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        Instant now = Instant.now();
        int updates = delete("DELETE FROM processed_updates WHERE received_at < ?1",
                now.minus(config.retention().processedUpdates()));
        int failures = delete("DELETE FROM login_failures WHERE failed_at < ?1",
                now.minus(config.login().failureWindow()));
        // an expired token is useless to its holder and of value only to someone who steals the database
        int tokens = delete("UPDATE user_sessions SET token_ciphertext = NULL, expires_at = NULL "
                + "WHERE expires_at < ?1", now);
        int audit = delete("DELETE FROM system_log WHERE occurred_at < ?1", now.minus(config.retention().audit()));
        // a day past their timeout, so that a supervisor's next message can still say the picker was closed
        int pickers = delete("DELETE FROM stats_dialogs WHERE updated_at < ?1",
                now.minus(config.stats().dialogTimeout()).minus(java.time.Duration.ofDays(1)));
        LOG.infof("housekeeping: %d update ids, %d login failures, %d expired tokens, %d audit rows, "
                + "%d abandoned statistics pickers removed", updates, failures, tokens, audit, pickers);
    }

    private int delete(String sql, Instant before) {
        return em.createNativeQuery(sql).setParameter(1, before).executeUpdate();
    }
}
