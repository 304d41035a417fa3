package ua.itdesk.bot.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import ua.itdesk.contracts.v1.AttachmentReceipt;
import ua.itdesk.contracts.v1.Category;
import ua.itdesk.contracts.v1.KnowledgeArticle;
import ua.itdesk.contracts.v1.NewRequest;
import ua.itdesk.contracts.v1.RequestDetail;
import ua.itdesk.contracts.v1.RequestPage;
import ua.itdesk.contracts.v1.RequestSummary;

/**
 * The agent's request calls (T1, T4, T6), each with the person's own token: the agent decides what they may see.
 * Like {@link AgentClient}, 4xx answers become {@link AgentAnswer}s inside the guarded methods (never retried, never
 * counted by a breaker); transport failures, timeouts and 5xx end as {@link AgentAnswer.Unavailable}.
 *
 * <p>Only reads are retried here. Creation is retried by the bot's outbox, always with the same idempotency key;
 * attachments are not retried at all, since a repeat could add them twice. Comments (replies to notifications) go
 * through {@link AgentEventsClient}.
 */
@ApplicationScoped
public class RequestsClient {

    private static final Logger LOG = Logger.getLogger(RequestsClient.class);
    private static final String UNREACHABLE = "agent unreachable or failing";

    private final AgentRequestsRestClient rest;
    private final AttachmentUpload upload;

    RequestsClient(@RestClient AgentRequestsRestClient rest, AttachmentUpload upload) {
        this.rest = rest;
        this.upload = upload;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 12, durationUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "categoriesUnavailable")
    public AgentAnswer<List<Category>> categories(String token) {
        return AgentAnswer.call(() -> rest.categories(bearer(token), Correlation.id()));
    }

    /** Up to three knowledge base articles matching {@code query} (the summary). */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 12, durationUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "knowledgeUnavailable")
    public AgentAnswer<List<KnowledgeArticle>> knowledge(String token, String query) {
        return AgentAnswer.call(() -> rest.knowledge(bearer(token), Correlation.id(), query));
    }

    /** The caller's own requests, newest first; {@code cursor} null for the first page. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 12, durationUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "pageUnavailable")
    public AgentAnswer<RequestPage> mine(String token, String cursor) {
        return AgentAnswer.call(() -> rest.mine(bearer(token), Correlation.id(), cursor));
    }

    /** The requests assigned to the caller (specialists, supervisors). */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 12, durationUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "pageUnavailable")
    public AgentAnswer<RequestPage> assigned(String token, String cursor) {
        return AgentAnswer.call(() -> rest.assigned(bearer(token), Correlation.id(), cursor));
    }

    /** One request, live; {@link AgentAnswer.NotFound} when it is not the caller's. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 12, durationUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "detailUnavailable")
    public AgentAnswer<RequestDetail> detail(String token, String issueKey) {
        return AgentAnswer.call(() -> rest.detail(bearer(token), Correlation.id(), issueKey));
    }

    /** Raises a request; the same {@code idempotencyKey} on every attempt returns the request created first. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "createUnavailable")
    public AgentAnswer<RequestSummary> create(String token, String idempotencyKey, NewRequest request) {
        return AgentAnswer.call(() -> rest.create(bearer(token), Correlation.id(), idempotencyKey, request));
    }

    /**
     * Streams a file to one of the caller's requests; the whole upload is bounded by
     * {@code bot.requests.upload-timeout}. The stream is consumed whatever the answer.
     */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "attachUnavailable")
    public AgentAnswer<AttachmentReceipt> attach(String token, String issueKey, String fileName, String mediaType,
            Long size, InputStream content) {
        return AgentAnswer.upload(() -> upload.upload(bearer(token), Correlation.id(), issueKey, fileName, mediaType,
                size, content));
    }

    AgentAnswer<List<Category>> categoriesUnavailable(String token) {
        return unavailable("categories");
    }

    AgentAnswer<List<KnowledgeArticle>> knowledgeUnavailable(String token, String query) {
        return unavailable("knowledge");
    }

    AgentAnswer<RequestPage> pageUnavailable(String token, String cursor) {
        return unavailable("request list");
    }

    AgentAnswer<RequestDetail> detailUnavailable(String token, String issueKey) {
        return unavailable("detail");
    }

    AgentAnswer<RequestSummary> createUnavailable(String token, String idempotencyKey, NewRequest request) {
        return unavailable("create");
    }

    AgentAnswer<AttachmentReceipt> attachUnavailable(String token, String issueKey, String fileName,
            String mediaType, Long size, InputStream content) {
        return unavailable("attachment");
    }

    private static <T> AgentAnswer<T> unavailable(String call) {
        LOG.warnf("agent unavailable for a %s call", call);
        return new AgentAnswer.Unavailable<>(UNREACHABLE);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

}
