package ua.itdesk.bot.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.VerifyRequest;

/**
 * The bot's only door into the internal network (Z1, Z2). Answers about the person (4xx problems) are turned into
 * typed outcomes inside the guarded methods, so they are never retried and never trip the breaker; transport
 * failures, timeouts and 5xx answers escape them, are retried briefly, counted by the circuit breaker and end in
 * the fallback as "unavailable". Callers never see an exception.
 */
@ApplicationScoped
public class AgentClient {

    private static final Logger LOG = Logger.getLogger(AgentClient.class);

    private final AgentAuthRestClient rest;

    AgentClient(@RestClient AgentAuthRestClient rest) {
        this.rest = rest;
    }

    /** Verifies a shared number (E.164) for the Telegram user who shared it. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 12, durationUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "verifyUnavailable")
    public VerifyOutcome verify(long telegramUserId, String e164) {
        try {
            return new VerifyOutcome.Verified(rest.verify(Correlation.id(), new VerifyRequest(telegramUserId, e164)));
        } catch (AgentProblemException e) {
            if (!e.isClientError()) {
                throw e;
            }
            return switch (e.kind()) {
                case ACCESS_DENIED, FORBIDDEN, NOT_FOUND -> new VerifyOutcome.Denied();
                case THROTTLED -> new VerifyOutcome.Throttled();
                default -> {
                    LOG.errorf("the agent refused a verify request as %s (%d): a contract mismatch?", e.kind(),
                            e.status());
                    yield new VerifyOutcome.Unavailable("agent refused the request: " + e.kind());
                }
            };
        }
    }

    /** Re-checks the holder of {@code token} in AD and HR and gets a fresh token (A6). */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 12, durationUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "refreshUnavailable")
    public RefreshOutcome refresh(String token) {
        try {
            return new RefreshOutcome.Refreshed(rest.refresh("Bearer " + token, Correlation.id()));
        } catch (AgentProblemException e) {
            if (!e.isClientError()) {
                throw e;
            }
            if (e.status() == 401 || e.status() == 403) {
                return new RefreshOutcome.Revoked();
            }
            if (e.kind() == ProblemType.THROTTLED) {
                return new RefreshOutcome.Unavailable("agent throttled the refresh");
            }
            LOG.errorf("the agent refused a refresh as %s (%d): a contract mismatch?", e.kind(), e.status());
            return new RefreshOutcome.Unavailable("agent refused the request: " + e.kind());
        }
    }

    VerifyOutcome verifyUnavailable(long telegramUserId, String e164) {
        LOG.warnf("agent unavailable for verification of Telegram user %d", telegramUserId);
        return new VerifyOutcome.Unavailable("agent unreachable or failing");
    }

    RefreshOutcome refreshUnavailable(String token) {
        LOG.warn("agent unavailable for a session refresh");
        return new RefreshOutcome.Unavailable("agent unreachable or failing");
    }

}
