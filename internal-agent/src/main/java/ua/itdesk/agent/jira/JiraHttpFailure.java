package ua.itdesk.agent.jira;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A non-success answer as the REST client saw it, before {@link JiraGuard} knows which call it belonged to and turns
 * it into one of the public {@link JiraException}s.
 */
final class JiraHttpFailure extends RuntimeException {

    final int status;
    final Duration retryAfter;
    final List<String> errorMessages;
    final Map<String, String> fieldErrors;

    JiraHttpFailure(int status, Duration retryAfter, List<String> errorMessages, Map<String, String> fieldErrors) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.errorMessages = errorMessages;
        this.fieldErrors = fieldErrors;
    }
}
