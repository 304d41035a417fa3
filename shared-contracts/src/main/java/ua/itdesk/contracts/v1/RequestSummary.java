package ua.itdesk.contracts.v1;

import java.time.Instant;
import java.util.Objects;

/**
 * A request as lists show it (T4), and the answer to a creation: what the bot may keep in TICKETS_CACHE.
 *
 * @param key      the Jira issue key ({@code HELP-42})
 * @param summary  one line
 * @param status   the status name as Jira shows it
 * @param priority the priority, or null when Jira's priority has no mapping in the agent
 * @param created  when it was created
 * @param webLink  where a person opens it (the customer portal page, or Jira's issue page which sends customers
 *                 there)
 */
public record RequestSummary(String key, String summary, String status, Priority priority, Instant created,
        String webLink) {

    public RequestSummary {
        Objects.requireNonNull(key, "key");
    }
}
