package ua.itdesk.agent.jira;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Jira answered 429: it is up, and asks the agent to slow down. Callers treat it like any unavailability (retry,
 * queue), but the circuit breaker does not count it: a rate limit is Jira working as configured, and an open breaker
 * would turn a few seconds of throttling into half a minute of refusing everything, logins' account look-ups
 * included.
 */
public class JiraThrottledException extends JiraUnavailableException {

    JiraThrottledException(JiraOperation operation, Duration retryAfter, boolean retryNow,
            List<String> errorMessages, Map<String, String> fieldErrors) {
        super(operation, "throttled", 429, "rate limited", retryAfter, retryNow, false, errorMessages, fieldErrors,
                null);
    }
}
