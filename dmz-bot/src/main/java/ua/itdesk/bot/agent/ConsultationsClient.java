package ua.itdesk.bot.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import ua.itdesk.contracts.v1.AttachmentReceipt;
import ua.itdesk.contracts.v1.ConsultationBrief;
import ua.itdesk.contracts.v1.NewComment;
import ua.itdesk.contracts.v1.PublicComment;

/**
 * The agent's consultation calls (C1, C4, C6): service calls without a person's token, with the rules of
 * {@link RequestsClient}: 4xx answers become {@link AgentAnswer}s, transport failures, timeouts and 5xx
 * {@link AgentAnswer.Unavailable}. The writes carry idempotency keys, so the caller retries them freely; they are
 * not retried here, because the caller's job keeps the work and its order.
 */
@ApplicationScoped
public class ConsultationsClient {

    private static final Logger LOG = Logger.getLogger(ConsultationsClient.class);

    private final AgentConsultationsRestClient rest;
    private final AttachmentUpload upload;

    ConsultationsClient(@RestClient AgentConsultationsRestClient rest, AttachmentUpload upload) {
        this.rest = rest;
        this.upload = upload;
    }

    /** The request's facts for an offer and the online specialists ranked for it. */
    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, maxDuration = 12, durationUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "briefUnavailable")
    public AgentAnswer<ConsultationBrief> brief(String issueKey) {
        return AgentAnswer.call(() -> rest.brief(Correlation.id(), issueKey));
    }

    /** Adds a comment of a consultation; the same {@code idempotencyKey} never adds it twice. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "commentUnavailable")
    public AgentAnswer<PublicComment> comment(String issueKey, String idempotencyKey, String body) {
        return AgentAnswer.call(() -> rest.comment(Correlation.id(), issueKey, idempotencyKey, new NewComment(body)));
    }

    /** Streams a file of a consultation to the request; the stream is consumed whatever the answer. */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "attachUnavailable")
    public AgentAnswer<AttachmentReceipt> attach(String issueKey, String idempotencyKey, String fileName,
            String mediaType, Long size, InputStream content) {
        return AgentAnswer.upload(() -> upload.uploadForConsultation(idempotencyKey, Correlation.id(), issueKey,
                fileName, mediaType, size, content));
    }

    AgentAnswer<ConsultationBrief> briefUnavailable(String issueKey) {
        return unavailable("brief");
    }

    AgentAnswer<PublicComment> commentUnavailable(String issueKey, String idempotencyKey, String body) {
        return unavailable("comment");
    }

    AgentAnswer<AttachmentReceipt> attachUnavailable(String issueKey, String idempotencyKey, String fileName,
            String mediaType, Long size, InputStream content) {
        return unavailable("attachment");
    }

    private static <T> AgentAnswer<T> unavailable(String call) {
        LOG.warnf("agent unavailable for a consultation %s call", call);
        return new AgentAnswer.Unavailable<>("agent unreachable or failing");
    }
}
