package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A comment on a customer request (CommentDTO); {@code public} ones are visible to the customer. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Comment(String id, String body, @JsonProperty("public") boolean isPublic, JiraUser author,
        JiraDate created) {
}
