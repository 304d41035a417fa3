package ua.itdesk.bot.session;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import ua.itdesk.bot.config.BotConfig;

/** How many people are logged in, for the operator; counted in the database when scraped, so over all instances. */
@ApplicationScoped
class SessionMetrics {

    private final SessionStore sessions;
    private final Duration idleTimeout;

    SessionMetrics(SessionStore sessions, BotConfig config) {
        this.sessions = sessions;
        this.idleTimeout = config.session().idleTimeout();
    }

    void register(@Observes StartupEvent event, MeterRegistry metrics) {
        // while the database is away the gauge reads NaN
        Gauge.builder("bot.sessions.active", this, SessionMetrics::loggedIn)
                .description("people logged in: a valid token and active within bot.session.idle-timeout")
                .register(metrics);
    }

    private double loggedIn() {
        return sessions.loggedIn(Instant.now(), idleTimeout);
    }
}
