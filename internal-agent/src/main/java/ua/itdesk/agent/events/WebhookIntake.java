package ua.itdesk.agent.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * Reads a verified Jira webhook and publishes the events it stands for: {@code jira:issue_created} is
 * {@code CREATED} (and {@code ASSIGNED} when created with an assignee); {@code jira:issue_updated} is
 * {@code STATUS_CHANGED} and {@code ASSIGNED} for its changelog's {@code status} and {@code assignee} items;
 * {@code comment_created} is {@code COMMENT_ADDED} for a public comment. Issues of other projects and every other
 * event are ignored. Internal notes never leave the agent: a comment counts as public only when Jira says so
 * ({@code jsdPublic}), or, where the webhook does not say, when the service desk lists it among the comments the
 * customer sees.
 *
 * <p>Blocking (directory and Jira look-ups): call it on a worker thread.
 */
@ApplicationScoped
class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);
    /** How long a comment by no employee waits for the agent's own record of it ({@link CommentAuthors}). */
    private static final Duration AGENT_RECORD_WAIT = Duration.ofSeconds(2);
    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final ObjectMapper json;
    private final JiraClient jira;
    private final RequestEvents events;
    private final EventLog log;

    WebhookIntake(ObjectMapper json, JiraClient jira, RequestEvents events, EventLog log) {
        this.json = json;
        this.jira = jira;
        this.events = events;
        this.log = log;
    }

    /** What one webhook came to: the events published (repeats already dropped by the log). */
    List<RequestEvent> take(JsonNode payload) {
        List<RequestEvent> found = translate(payload);
        List<RequestEvent> published = new ArrayList<>();
        for (RequestEvent e : found) {
            if (log.publish(e)) {
                published.add(e);
            }
        }
        return published;
    }

    List<RequestEvent> translate(JsonNode payload) {
        String type = payload.path("webhookEvent").asText("");
        JiraIssue issue = issue(payload.path("issue"));
        if (issue == null || !ofTheDesk(issue.key())) {
            LOG.debugf("webhook %s ignored: no issue of the service desk's project", type);
            return List.of();
        }
        Instant at = payload.hasNonNull("timestamp") ? Instant.ofEpochMilli(payload.get("timestamp").asLong())
                : Instant.now();
        List<RequestEvent> found = new ArrayList<>();
        switch (type) {
            case "jira:issue_created" -> {
                found.add(events.created(issue, at));
                events.assigned(issue, at).ifPresent(found::add);
            }
            case "jira:issue_updated" -> {
                for (JsonNode item : payload.path("changelog").path("items")) {
                    String field = item.path("field").asText("");
                    if (field.equalsIgnoreCase("status")) {
                        found.add(events.statusChanged(issue, at));
                    } else if (field.equalsIgnoreCase("assignee") && item.hasNonNull("to")) {
                        events.assigned(issue, at).ifPresent(found::add);
                    }
                }
                // Data Center reports a comment made while editing as an update that carries it
                publicComment(issue, payload.path("comment")).ifPresent(found::add);
            }
            case "comment_created" -> publicComment(issue, payload.path("comment")).ifPresent(found::add);
            default -> LOG.debugf("webhook %s for %s ignored", type, issue.key());
        }
        return found;
    }

    private Optional<RequestEvent> publicComment(JiraIssue issue, JsonNode comment) {
        if (!comment.isObject() || !comment.hasNonNull("id")) {
            return Optional.empty();
        }
        String id = comment.get("id").asText();
        boolean isPublic = comment.has("jsdPublic") ? comment.path("jsdPublic").asBoolean(false)
                : listedAsPublic(issue.key(), id);
        if (!isPublic) {
            LOG.debugf("internal comment %s on %s not reported", id, issue.key());
            return Optional.empty();
        }
        JsonNode body = comment.path("body");
        return Optional.of(events.commentAdded(issue, new RequestEvents.JiraComment(id,
                user(comment.path("author")), body.isTextual() ? body.asText() : null, time(comment.path("created"))),
                AGENT_RECORD_WAIT));
    }

    /** Whether the customer sees the comment: it is among the request's public comments. */
    private boolean listedAsPublic(String key, String commentId) {
        return PublicComments.of(jira, key).stream().anyMatch(c -> commentId.equals(c.id()));
    }

    private boolean ofTheDesk(String key) {
        return key != null && key.startsWith(jira.serviceDesk().projectKey() + "-");
    }

    private JiraIssue issue(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        try {
            return json.treeToValue(node, JiraIssue.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the webhook's issue is not an issue", e);
        }
    }

    private JiraUser user(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        try {
            return json.treeToValue(node, JiraUser.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Instant time(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText(), JIRA_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
