package ua.itdesk.agent.jira;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jira could not serve the call now: unreachable, too slow, 5xx, rate-limited (429), or the agent's circuit
 * breaker is open after repeated failures. Worth trying again later; {@link #retryAfter()} says when, if Jira did.
 * Work that must not be lost (R3) stays queued by the caller.
 */
public class JiraUnavailableException extends JiraException {

    private final String outcome;
    private final Duration retryAfter;
    private final boolean retryNow;
    private final boolean mayHaveSucceeded;

    JiraUnavailableException(JiraOperation operation, String outcome, int status, String problem,
            Duration retryAfter, boolean retryNow, boolean mayHaveSucceeded, List<String> errorMessages,
            Map<String, String> fieldErrors, Throwable cause) {
        super(operation, status, problem, errorMessages, fieldErrors, cause);
        this.outcome = outcome;
        this.retryAfter = retryAfter;
        this.retryNow = retryNow;
        this.mayHaveSucceeded = mayHaveSucceeded;
    }

    /** Jira's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * True when a call that creates something (a request, a comment) failed in a way that does not prove Jira did
     * nothing: a 500, 502 or 504, or no answer in time. Before sending it again, look whether it arrived.
     */
    public boolean mayHaveSucceeded() {
        return mayHaveSucceeded;
    }

    /** Whether the client's own retry should try again at once (after its back-off or the Retry-After). */
    boolean retryNow() {
        return retryNow;
    }

    @Override
    String outcome() {
        return outcome;
    }
}
