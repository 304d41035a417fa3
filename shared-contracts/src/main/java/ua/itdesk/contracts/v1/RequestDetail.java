package ua.itdesk.contracts.v1;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One request in full (T4), fetched live from Jira on every call: the bot shows it and does not store it (Z4).
 *
 * @param key          the Jira issue key
 * @param summary      one line
 * @param status       the status name
 * @param priority     the priority, or null when unmapped
 * @param created      when it was created
 * @param webLink      the customer portal page
 * @param description  the description, may be null
 * @param reporterName display name of the person it was raised for
 * @param assigneeName display name of the specialist, null while unassigned
 * @param comments     the public comments, oldest first (at most the latest 50)
 */
public record RequestDetail(String key, String summary, String status, Priority priority, Instant created,
        String webLink, String description, String reporterName, String assigneeName,
        List<PublicComment> comments) {

    public RequestDetail {
        Objects.requireNonNull(key, "key");
        comments = comments == null ? List.of() : List.copyOf(comments);
    }
}
