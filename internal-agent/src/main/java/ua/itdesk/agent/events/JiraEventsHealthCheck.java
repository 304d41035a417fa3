package ua.itdesk.agent.events;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code jira-events} on {@code /q/health/well}: while polling, DOWN when no poll has succeeded for three intervals
 * (at least a minute), with the lag and the last failure. A wellness check, not readiness: Jira being away must not
 * take the agent, and with it logins, out of service.
 */
@Wellness
@ApplicationScoped
class JiraEventsHealthCheck implements HealthCheck {

    private static final Duration LEAST_GRACE = Duration.ofMinutes(1);

    private final JiraPoller poller;
    private final WebhookListener webhooks;

    JiraEventsHealthCheck(JiraPoller poller, WebhookListener webhooks) {
        this.poller = poller;
        this.webhooks = webhooks;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("jira-events");
        if (!poller.enabled()) {
            int port = webhooks.port();
            return (port > 0 ? response.up().withData("source", "webhook").withData("port", port)
                    : response.up().withData("source", "none")).build();
        }
        Duration threeIntervals = poller.interval().multipliedBy(3);
        Duration grace = threeIntervals.compareTo(LEAST_GRACE) < 0 ? LEAST_GRACE : threeIntervals;
        Optional<Duration> lag = poller.lag();
        response.withData("source", "polling").withData("lagSeconds", lag.map(Duration::toSeconds).orElse(-1L));
        poller.lastFailure().ifPresent(f -> response.withData("lastFailure", f));
        boolean up = lag.map(l -> l.compareTo(grace) <= 0).orElse(poller.lastFailure().isEmpty());
        return response.status(up).build();
    }
}
