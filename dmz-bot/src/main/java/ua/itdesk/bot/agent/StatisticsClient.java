package ua.itdesk.bot.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import ua.itdesk.contracts.v1.RequestStatistics;

/**
 * The agent's statistics (M1) with a supervisor's token. Not retried: one reading can take Jira seconds, and the
 * supervisor can ask again; 4xx answers become {@link AgentAnswer}s, the rest {@link AgentAnswer.Unavailable}.
 */
@ApplicationScoped
public class StatisticsClient {

    private static final Logger LOG = Logger.getLogger(StatisticsClient.class);

    private final AgentStatisticsRestClient rest;

    StatisticsClient(@RestClient AgentStatisticsRestClient rest) {
        this.rest = rest;
    }

    /** Request facts of the days {@code from}..{@code to}, both included, counted in {@code zone}. */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "requestsUnavailable")
    public AgentAnswer<RequestStatistics> requests(String token, LocalDate from, LocalDate to, ZoneId zone) {
        return AgentAnswer.call(() -> rest.requests("Bearer " + token, Correlation.id(), from.toString(),
                to.toString(), zone.getId()));
    }

    AgentAnswer<RequestStatistics> requestsUnavailable(String token, LocalDate from, LocalDate to, ZoneId zone) {
        LOG.warn("agent unavailable for a statistics call");
        return new AgentAnswer.Unavailable<>("agent unreachable or failing");
    }
}
