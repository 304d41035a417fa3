package ua.itdesk.contracts.v1;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a request, delivered to the bot through {@link EventsApi} (Z3). People are named by employee id,
 * the subject of their session tokens, so the bot can find their Telegram chats without knowing Jira accounts; an id
 * is null when the agent could not map the Jira user to an employee.
 *
 * @param id                 stable for the same change however it reached the agent (webhook, polling or
 *                           reconciliation), so the bot can drop repeats: for example {@code HELP-7:status:3} or
 *                           {@code HELP-7:comment:10042}
 * @param type               what happened
 * @param key                the Jira issue key
 * @param occurredAt         when Jira recorded the change
 * @param summary            the request's one line, for the notification text
 * @param priority           its priority, null when unmapped
 * @param status             the status after the change
 * @param webLink            where a person opens the request
 * @param reporterEmployeeId who the request was raised for
 * @param assigneeEmployeeId the current assignee, null while unassigned
 * @param assigneeName       the assignee's display name, null while unassigned
 * @param comment            for {@link RequestEventType#COMMENT_ADDED}: the public comment; null otherwise
 * @param authorEmployeeId   for comments: who wrote it when that is an employee known to the agent (also when the
 *                           agent wrote it on their behalf), so the bot does not echo it back to them; else null
 */
public record RequestEvent(String id, RequestEventType type, String key, Instant occurredAt, String summary,
        Priority priority, String status, String webLink, String reporterEmployeeId, String assigneeEmployeeId,
        String assigneeName, PublicComment comment, String authorEmployeeId) {

    public RequestEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
    }
}
