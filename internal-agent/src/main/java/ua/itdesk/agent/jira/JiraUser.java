package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A Jira user as both APIs describe one. Data Center identifies users by {@code name} (and {@code key}); Cloud
 * by {@code accountId}, with {@code name}, {@code key} and often {@code emailAddress} withheld.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JiraUser(String accountId, String name, String key, String emailAddress, String displayName,
        Boolean active, String timeZone) {

    /**
     * The reference the other calls take for this user ({@code raiseOnBehalfOf}, assignee, JQL): the accountId on
     * Cloud, the user name on Data Center.
     */
    public String reference() {
        return accountId != null ? accountId : name;
    }
}
