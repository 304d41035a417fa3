package ua.itdesk.agent.jira;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;
import ua.itdesk.agent.config.AgentConfig;

/**
 * Every Jira attempt passes here: a time limit per attempt, retries of what may succeed a moment later (429 and
 * 503 after their {@code Retry-After}, other 5xx and network failures with exponential back-off; never a 4xx), and
 * one circuit breaker for all of Jira, so that a Jira outage costs callers one fast failure instead of a pile of
 * hanging threads. It also turns HTTP failures into the typed {@link JiraException}s and logs each failed attempt.
 *
 * <p>Tuning without a rebuild: {@code agent.jira.max-retries} feeds {@code Retry/maxRetries} (see
 * {@code application.properties}); MicroProfile keys such as
 * {@code ua.itdesk.agent.jira.JiraGuard/call/CircuitBreaker/requestVolumeThreshold} set the rest.
 */
@ApplicationScoped
class JiraGuard {

    /** Name of the breaker for {@code CircuitBreakerMaintenance}. */
    static final String CIRCUIT = "jira";

    private static final Logger LOG = Logger.getLogger(JiraGuard.class);

    private final Duration maxRetryAfter;

    JiraGuard(AgentConfig config) {
        this.maxRetryAfter = config.jira().maxRetryAfter();
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 500, jitter = 0, maxDuration = 3, durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = JiraRetryPolicy.class)
    @CustomBackoff(JiraBackoff.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = {JiraRejectedException.class, JiraThrottledException.class})
    @CircuitBreakerName(CIRCUIT)
    public <T> T call(JiraOperation operation, Supplier<T> attempt) {
        long started = System.nanoTime();
        try {
            return attempt.get();
        } catch (JiraHttpFailure failure) {
            throw logged(fromAnswer(operation, failure), started);
        } catch (ProcessingException failure) {
            throw logged(fromNoAnswer(operation, failure), started);
        }
    }

    private JiraException fromAnswer(JiraOperation operation, JiraHttpFailure f) {
        int status = f.status;
        if (status == 401 || status == 403) {
            return new JiraAccessDeniedException(operation, status, f.errorMessages, f.fieldErrors);
        }
        if (status == 404) {
            return new JiraNotFoundException(operation, f.errorMessages, f.fieldErrors);
        }
        if (status == 429 || status == 503) {
            // Jira (or the proxy before it) refused before doing anything: safe to repeat, but not sooner than asked
            boolean waitable = f.retryAfter == null || f.retryAfter.compareTo(maxRetryAfter) <= 0;
            if (status == 429) {
                return new JiraThrottledException(operation, f.retryAfter, waitable, f.errorMessages, f.fieldErrors);
            }
            return new JiraUnavailableException(operation, "unavailable", status, "unavailable", f.retryAfter,
                    waitable, false, f.errorMessages, f.fieldErrors, null);
        }
        if (status >= 500) {
            boolean repeatable = operation.idempotent();
            return new JiraUnavailableException(operation, "unavailable", status, "server error", f.retryAfter,
                    repeatable, !repeatable, f.errorMessages, f.fieldErrors, null);
        }
        if (status < 400) {
            return new JiraRejectedException(operation, status, "unexpected redirect (is agent.jira.url right?)",
                    f.errorMessages, f.fieldErrors);
        }
        return new JiraRejectedException(operation, status, f.errorMessages, f.fieldErrors);
    }

    private static JiraException fromNoAnswer(JiraOperation operation, ProcessingException failure) {
        if (causedBy(failure, com.fasterxml.jackson.core.JsonProcessingException.class)) {
            // Jira said yes but in a shape the agent cannot read: asking again will not change the shape
            return new JiraUnavailableException(operation, "bad-response", 0, "unreadable answer", null, false,
                    !operation.idempotent(), List.of(), Map.of(), failure);
        }
        boolean neverSent = causedBy(failure, ConnectException.class) || causedBy(failure, UnknownHostException.class)
                || causedBy(failure, SSLException.class);
        boolean repeatable = neverSent || operation.idempotent();
        return new JiraUnavailableException(operation, neverSent ? "unreachable" : "no-answer", 0,
                neverSent ? "unreachable" : "no answer", null, repeatable, !repeatable, List.of(), Map.of(), failure);
    }

    private static JiraException logged(JiraException e, long started) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (e instanceof JiraUnavailableException unavailable) {
            LOG.warnf("jira attempt failed: operation=%s outcome=%s status=%d retry=%s retryAfter=%s durationMs=%d %s",
                    e.operation().tag(), e.outcome(), e.status(), unavailable.retryNow(),
                    unavailable.retryAfter().map(Duration::toString).orElse("-"), millis, detail(e));
        } else {
            LOG.infof("jira refused: operation=%s outcome=%s status=%d durationMs=%d %s", e.operation().tag(),
                    e.outcome(), e.status(), millis, detail(e));
        }
        return e;
    }

    private static String detail(JiraException e) {
        String cause = e.getCause() == null ? "" : " cause=" + e.getCause().getClass().getSimpleName();
        return "messages=" + e.errorMessages() + " fields=" + e.fieldErrors().keySet() + cause;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
