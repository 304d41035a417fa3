package ua.itdesk.agent.jira;

import java.util.List;
import java.util.Map;

/** 404: no such request, issue, service desk or request type, or the agent's account may not see it. */
public class JiraNotFoundException extends JiraRejectedException {

    JiraNotFoundException(JiraOperation operation, List<String> errorMessages, Map<String, String> fieldErrors) {
        super(operation, 404, "not found", errorMessages, fieldErrors);
    }

    @Override
    String outcome() {
        return "not-found";
    }
}
