package ua.itdesk.agent.assignment;

import java.time.Duration;
import java.util.Optional;

/**
 * The workload of the candidates could not be read from Jira: Jira unreachable, slow, rate-limited, its circuit open,
 * not configured, or a query refused (for example a configured status name that Jira does not know). Checked, so
 * that every caller decides: a new request then stays unassigned in the JSM queue and the supervisors are told.
 */
public class WorkloadUnavailableException extends Exception {

    private final transient Duration retryAfter;

    public WorkloadUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** When Jira said to try again, if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
