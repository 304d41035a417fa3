package ua.itdesk.agent.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who a comment written by the agent was written for. The agent adds an employee's comments with its own Jira
 * account, so Jira names the service account as author; this remembers the employee behind each such comment id,
 * so that the event says who wrote it and the bot does not echo it back to them. Memory only, the newest
 * {@value #MAX_ENTRIES} comments: an older comment's event arrives within seconds, long before it would fall out.
 */
@ApplicationScoped
public class CommentAuthors {

    static final int MAX_ENTRIES = 10_000;

    private final Map<String, String> employeeByComment = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Remembers that the agent wrote comment {@code commentId} on behalf of {@code employeeId}. */
    public void record(String commentId, String employeeId) {
        if (commentId == null || employeeId == null) {
            return;
        }
        synchronized (employeeByComment) {
            employeeByComment.put(commentId, employeeId);
        }
    }

    /** The employee the agent wrote this comment for, if it did. */
    public Optional<String> employeeOf(String commentId) {
        if (commentId == null) {
            return Optional.empty();
        }
        synchronized (employeeByComment) {
            return Optional.ofNullable(employeeByComment.get(commentId));
        }
    }
}
