package ua.itdesk.agent.consultations;

import jakarta.annotation.security.PermitAll;
import java.io.InputStream;
import ua.itdesk.contracts.v1.AttachmentReceipt;
import ua.itdesk.contracts.v1.ConsultationBrief;
import ua.itdesk.contracts.v1.ConsultationsApi;
import ua.itdesk.contracts.v1.NewComment;
import ua.itdesk.contracts.v1.PublicComment;

/**
 * {@link ConsultationsApi} for the bot. No session token: {@code ua.itdesk.agent.security.BotServiceCalls} has already
 * let only the bot's certificate names through, hence {@code @PermitAll} here. Every call blocks on Jira (worker
 * thread).
 */
@PermitAll
public class ConsultationsResource implements ConsultationsApi {

    private final ConsultationsService consultations;

    ConsultationsResource(ConsultationsService consultations) {
        this.consultations = consultations;
    }

    @Override
    public ConsultationBrief brief(String key) {
        return consultations.brief(key);
    }

    @Override
    public PublicComment comment(String key, String idempotencyKey, NewComment comment) {
        return consultations.comment(key, idempotencyKey, comment);
    }

    @Override
    public AttachmentReceipt attach(String key, String idempotencyKey, String fileName, String contentType,
            InputStream content) {
        return consultations.attach(key, idempotencyKey, fileName, contentType, content);
    }
}
