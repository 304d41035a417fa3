package ua.itdesk.agent.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import ua.itdesk.agent.jira.Comment;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraRejectedException;
import ua.itdesk.agent.jira.Jql;
import ua.itdesk.agent.jira.ServiceDesk;
import ua.itdesk.agent.requests.JiraCalls;
import ua.itdesk.contracts.v1.ChangesQuery;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * The bot's reconciliation ({@code POST /api/v1/events/changes}, Z3): one JQL search, {@code project = <desk> AND
 * key in (<keys>) AND updated >= <since>}, then for each request found its current status, its current assignee
 * and each public comment written since then, with the ids the live stream uses. Keys of other projects are left
 * out unasked. Jira refuses a query that names a key of no issue (Data Center checks keys strictly); the keys are
 * then asked one by one and those Jira refuses are left out, as the contract says for missing requests. Jira
 * unreachable is 503 with {@code Retry-After}.
 */
@ApplicationScoped
class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);
    private static final List<String> FIELDS = List.of("summary", "status", "priority", "assignee", "reporter",
            "created", "updated");

    private final JiraClient jira;
    private final RequestEvents events;

    Reconciliation(JiraClient jira, RequestEvents events) {
        this.jira = jira;
        this.events = events;
    }

    List<RequestEvent> changes(ChangesQuery query) {
        ServiceDesk desk = JiraCalls.call(jira::serviceDesk);
        List<String> keys = query.keys().stream().distinct().filter(k -> k.startsWith(desk.projectKey() + "-"))
                .toList();
        if (keys.isEmpty()) {
            return List.of();
        }
        List<JiraIssue> issues = JiraCalls.call(() -> changed(desk.projectKey(), keys, query.since()));
        List<RequestEvent> found = new ArrayList<>();
        for (JiraIssue issue : issues.stream().sorted(Comparator.comparing(JiraIssue::key)).toList()) {
            if (issue.fields() == null) {
                continue;
            }
            Instant at = issue.fields().updated() == null ? query.since() : issue.fields().updated().toInstant();
            found.add(events.statusChanged(issue, at));
            events.assigned(issue, at).ifPresent(found::add);
            for (Comment c : JiraCalls.call(() -> PublicComments.of(jira, issue.key()))) {
                Instant created = c.created() == null ? null : c.created().instant().orElse(null);
                if (created != null && !created.isBefore(query.since())) {
                    found.add(events.commentAdded(issue, new RequestEvents.JiraComment(c.id(), c.author(), c.body(),
                            created)));
                }
            }
        }
        LOG.debugf("reconciliation: %d key(s), %d changed, %d event(s)", keys.size(), issues.size(), found.size());
        return found;
    }

    private List<JiraIssue> changed(String project, List<String> keys, Instant since) {
        try {
            return search(project, keys, since);
        } catch (JiraRejectedException e) {
            List<JiraIssue> found = new ArrayList<>();
            for (String key : keys) {
                try {
                    found.addAll(search(project, List.of(key), since));
                } catch (JiraRejectedException gone) {
                    LOG.debugf("reconciliation: %s left out, Jira refused it", key);
                }
            }
            return found;
        }
    }

    private List<JiraIssue> search(String project, List<String> keys, Instant since) {
        Jql jql = jira.jql().project(project).issueKeys(keys).updatedSince(since).build();
        return jira.search(jql, FIELDS, keys.size(), null).issues().stream()
                .filter(i -> i.key() != null && keys.contains(i.key())).toList();
    }
}
