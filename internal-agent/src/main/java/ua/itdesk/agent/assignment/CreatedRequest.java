package ua.itdesk.agent.assignment;

import java.time.Instant;
import java.util.Objects;
import ua.itdesk.contracts.v1.Priority;

/**
 * A request the agent has just created in Jira, with what a "nobody available" notice needs to say about it.
 *
 * @param key the Jira issue key
 * @param priority null when unmapped; such requests wait behind every mapped priority
 * @param reporterEmployeeId who it was raised for
 * @param created when Jira created it; the age that orders waiting requests of the same priority
 */
public record CreatedRequest(String key, String summary, Priority priority, String status, String webLink,
        String reporterEmployeeId, Instant created) {

    public CreatedRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(created, "created");
    }
}
