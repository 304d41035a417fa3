package ua.itdesk.agent.jira;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Who a comment written by the agent was written for. The agent adds an employee's comments with its own Jira
 * account, so Jira names the service account as author; this remembers the employee behind each such comment id,
 * so that the event says who wrote it and the bot does not echo it back to them. Memory only, the newest
 * {@value #MAX_ENTRIES} comments: an older comment's event arrives within seconds, long before it would fall out.
 * Jira may send the comment's webhook before its answer to the agent's call has arrived, hence
 * {@link #employeeOf(String, Duration)}.
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
            employeeByComment.notifyAll();
        }
    }

    /** The employee the agent wrote this comment for, if it did. */
    public Optional<String> employeeOf(String commentId) {
        return employeeOf(commentId, Duration.ZERO);
    }

    /** Like {@link #employeeOf(String)}, waiting up to {@code wait} for the agent's call to record it. */
    public Optional<String> employeeOf(String commentId, Duration wait) {
        if (commentId == null) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (employeeByComment) {
            String employeeId = employeeByComment.get(commentId);
            long left;
            while (employeeId == null && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(employeeByComment, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                employeeId = employeeByComment.get(commentId);
            }
            return Optional.ofNullable(employeeId);
        }
    }
}
