package ua.itdesk.agent.requests;

import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.jira.JiraRejectedException;
import ua.itdesk.agent.jira.JiraUnavailableException;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * Turns Jira's failures into problems the bot can act on, with fixed texts: nothing Jira said reaches the bot
 * except the names of the fields it refused.
 */
public final class JiraCalls {

    private static final Logger LOG = Logger.getLogger(JiraCalls.class);
    /** Retry-After when Jira gave no hint. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

    private JiraCalls() {
    }

    /**
     * Runs a Jira call: unavailable (including not configured, open circuit) is 503 with {@code Retry-After}, a
     * refusal is 400, an argument the client refuses before calling is 400.
     */
    public static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (JiraUnavailableException e) {
            LOG.warnf("Jira unavailable: %s", e.getMessage());
            throw new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, "JIRA_UNAVAILABLE",
                    "The service desk is unavailable; retry later.",
                    e.retryAfter().filter(d -> !d.isNegative() && !d.isZero()).orElse(DEFAULT_RETRY_AFTER), e);
        } catch (FaultToleranceException e) {
            LOG.warnf("Jira unavailable: %s", e.toString());
            throw new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, "JIRA_UNAVAILABLE",
                    "The service desk is unavailable; retry later.", DEFAULT_RETRY_AFTER, e);
        } catch (JiraRejectedException e) {
            LOG.infof("Jira refused: %s", e.getMessage());
            String fields = e.fieldErrors().isEmpty() ? ""
                    : " (fields: " + String.join(", ", new java.util.TreeSet<>(e.fieldErrors().keySet()))
                            .replaceAll("[^A-Za-z0-9_, ]", "") + ")";
            throw new ApiException(ProblemType.INVALID_REQUEST, "JIRA_REJECTED",
                    "The service desk did not accept the request" + fields + ".", null, e);
        } catch (IllegalArgumentException e) {
            // the client's own checks: their messages name the value's kind, never the value
            throw new ApiException(ProblemType.INVALID_REQUEST, "INVALID_VALUE", safe(e.getMessage()) + ".", null, e);
        }
    }

    /**
     * Whether a failed call may have written all the same: Jira unavailable in a way that does not prove it did
     * nothing (a 500/502/504 or a lost answer to a create), as opposed to a refusal or a connection never made.
     */
    public static boolean mayHaveWritten(RuntimeException e) {
        return e instanceof ApiException api && api.getCause() instanceof JiraUnavailableException unavailable
                && unavailable.mayHaveSucceeded();
    }

    private static String safe(String message) {
        return message == null ? "Invalid value" : message.replaceAll("[^A-Za-z0-9 ,._-]", "");
    }
}
