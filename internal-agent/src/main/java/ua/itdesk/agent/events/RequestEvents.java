package ua.itdesk.agent.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.jira.CommentAuthors;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.agent.requests.Priorities;
import ua.itdesk.contracts.v1.PublicComment;
import ua.itdesk.contracts.v1.RequestEvent;
import ua.itdesk.contracts.v1.RequestEventType;

/**
 * Makes the contract's events from what Jira says about an issue, the same way for webhooks, polling and
 * reconciliation, so that one change gets one id however it reached the agent:
 * {@code KEY:created}, {@code KEY:status:<status name>:<epoch millis>}, {@code KEY:assignee:<employee id, else Jira
 * account>:<epoch millis>} and {@code KEY:comment:<comment id>}. People are named by employee id
 * ({@link JiraPeople}); a comment the agent wrote for an employee names that employee ({@link CommentAuthors}).
 */
@ApplicationScoped
class RequestEvents {

    private final JiraPeople people;
    private final CommentAuthors commentAuthors;
    private final Priorities priorities;
    private final String browseBase;

    RequestEvents(JiraPeople people, CommentAuthors commentAuthors, Priorities priorities, AgentConfig config) {
        this.people = people;
        this.commentAuthors = commentAuthors;
        this.priorities = priorities;
        this.browseBase = config.jira().url().map(URI::toString).map(u -> u.endsWith("/") ? u : u + "/")
                .map(u -> u + "browse/").orElse(null);
    }

    /** A comment as any of Jira's APIs gives it. */
    record JiraComment(String id, JiraUser author, String body, Instant created) {
    }

    RequestEvent created(JiraIssue issue, Instant at) {
        return event(issue, RequestEventType.CREATED, issue.key() + ":created", at, null, null);
    }

    RequestEvent statusChanged(JiraIssue issue, Instant at) {
        return event(issue, RequestEventType.STATUS_CHANGED,
                issue.key() + ":status:" + status(issue) + ":" + at.toEpochMilli(), at, null, null);
    }

    /** Empty while the issue is unassigned: only a (new) assignee is an event. */
    Optional<RequestEvent> assigned(JiraIssue issue, Instant at) {
        JiraUser assignee = issue.fields() == null ? null : issue.fields().assignee();
        if (assignee == null || assignee.reference() == null) {
            return Optional.empty();
        }
        String who = Optional.ofNullable(people.employeeId(assignee)).orElse(assignee.reference());
        return Optional.of(event(issue, RequestEventType.ASSIGNED,
                issue.key() + ":assignee:" + who + ":" + at.toEpochMilli(), at, null, null));
    }

    RequestEvent commentAdded(JiraIssue issue, JiraComment comment) {
        return commentAdded(issue, comment, Duration.ZERO);
    }

    /**
     * With {@code waitForAgent}: a comment whose Jira author is no employee may be one the agent is writing for an
     * employee right now (Jira's webhook can overtake Jira's answer), so the agent's record is waited for that long.
     */
    RequestEvent commentAdded(JiraIssue issue, JiraComment comment, Duration waitForAgent) {
        String author = commentAuthors.employeeOf(comment.id()).orElseGet(() -> people.employeeId(comment.author()));
        if (author == null && !waitForAgent.isZero()) {
            author = commentAuthors.employeeOf(comment.id(), waitForAgent).orElse(null);
        }
        PublicComment published = new PublicComment(comment.id(), name(comment.author()), comment.body(),
                comment.created());
        return event(issue, RequestEventType.COMMENT_ADDED, issue.key() + ":comment:" + comment.id(),
                comment.created(), published, author);
    }

    private RequestEvent event(JiraIssue issue, RequestEventType type, String id, Instant at, PublicComment comment,
            String authorEmployeeId) {
        JiraIssue.Fields f = issue.fields();
        JiraUser reporter = f == null ? null : f.reporter();
        JiraUser assignee = f == null ? null : f.assignee();
        return new RequestEvent(id, type, issue.key(), at, f == null ? null : f.summary(),
                f == null || f.priority() == null ? null : priorities.fromJira(f.priority().name()), status(issue),
                browseBase == null ? null : browseBase + issue.key(), people.employeeId(reporter),
                people.employeeId(assignee), assignee == null ? null : name(assignee), comment, authorEmployeeId);
    }

    private static String status(JiraIssue issue) {
        return issue.fields() == null || issue.fields().status() == null ? null : issue.fields().status().name();
    }

    private static String name(JiraUser user) {
        if (user == null) {
            return null;
        }
        return user.displayName() != null ? user.displayName() : user.reference();
    }
}
