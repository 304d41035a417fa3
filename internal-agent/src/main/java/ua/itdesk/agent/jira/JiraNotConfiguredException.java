package ua.itdesk.agent.jira;

import java.util.List;
import java.util.Map;

/** {@code agent.jira.url} is not set: the agent runs without Jira, and every Jira call ends here. */
public class JiraNotConfiguredException extends JiraUnavailableException {

    JiraNotConfiguredException(JiraOperation operation) {
        super(operation, "not-configured", 0, "not configured (agent.jira.url is not set)", null, false, false,
                List.of(), Map.of(), null);
    }
}
