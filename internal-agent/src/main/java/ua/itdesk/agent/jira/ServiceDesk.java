package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A service desk and the Jira project behind it (ServiceDeskDTO). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceDesk(String id, String projectId, String projectKey, String projectName) {
}
