package ua.itdesk.agent.jira;

import java.util.List;
import java.util.Map;

/**
 * 401 or 403: the agent's token was refused, or its account lacks a permission (raising requests on behalf of
 * customers, assigning). A configuration problem for operations, not something a retry mends.
 */
public class JiraAccessDeniedException extends JiraRejectedException {

    JiraAccessDeniedException(JiraOperation operation, int status, List<String> errorMessages,
            Map<String, String> fieldErrors) {
        super(operation, status, "access denied", errorMessages, fieldErrors);
    }

    @Override
    String outcome() {
        return "denied";
    }
}
