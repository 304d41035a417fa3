package ua.itdesk.sandbox.jira;

import java.time.Instant;
import java.util.List;

/**
 * A request as it stands in the stand-in (control side's view, not an API shape); users by user name (login).
 *
 * @param assignee null when unassigned
 * @param resolved null while unresolved
 * @param creator  who created it: the integration's account for requests raised through Telegram, else the reporter
 */
public record JiraRequest(String key, String issueId, String requestTypeId, String summary, String description,
        String status, String statusCategory, String priority, String reporter, String assignee, Instant created,
        Instant updated, Instant resolved, List<Comment> comments, List<Attachment> attachments,
        String creator) {

    public record Comment(String id, String author, String body, boolean isPublic, Instant created) {
    }

    /** An attachment with its bytes. */
    public record Attachment(String id, String filename, String mimeType, byte[] content, String author,
            Instant created) {
    }
}
