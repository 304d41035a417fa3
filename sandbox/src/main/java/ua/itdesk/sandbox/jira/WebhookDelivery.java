package ua.itdesk.sandbox.jira;

import java.util.List;

/**
 * One webhook event and what became of it.
 *
 * @param identifier the {@code X-Atlassian-Webhook-Identifier}, the same on every attempt
 * @param event      {@code webhookEvent}: {@code jira:issue_created}, {@code jira:issue_updated}, {@code comment_created}
 * @param issueKey   the request it is about
 * @param body       the JSON body as sent (the signature covers these bytes)
 * @param attempts   the receiver's status per attempt, in order; -1 for a connection failure
 * @param outcome    where it stands now
 */
public record WebhookDelivery(String identifier, String event, String issueKey, String body, List<Integer> attempts,
        Outcome outcome) {

    public enum Outcome {
        /** Waiting for its turn or for a retry. */
        PENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** A non-retryable answer, or retries exhausted. */
        FAILED,
        /** Never sent: fault injection ({@link JiraStandIn#dropNextWebhooks(int)}). */
        DROPPED
    }
}
