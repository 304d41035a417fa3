package ua.itdesk.agent.jira;

import java.util.List;
import java.util.Map;

/**
 * Jira refused the request (a 4xx other than 429): sending it again unchanged would be refused again, so the
 * client never retries it and the circuit breaker does not count it as Jira being unwell.
 */
public class JiraRejectedException extends JiraException {

    JiraRejectedException(JiraOperation operation, int status, List<String> errorMessages,
            Map<String, String> fieldErrors) {
        super(operation, status, "rejected", errorMessages, fieldErrors, null);
    }

    JiraRejectedException(JiraOperation operation, int status, String problem, List<String> errorMessages,
            Map<String, String> fieldErrors) {
        super(operation, status, problem, errorMessages, fieldErrors, null);
    }

    @Override
    String outcome() {
        return "rejected";
    }
}
