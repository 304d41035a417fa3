package ua.itdesk.bot.telegram;

import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.utility.BotUtils;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.BotConfig;

/**
 * Webhook mode (P1): Telegram posts each update here with the secret given at setWebhook in
 * {@code X-Telegram-Bot-Api-Secret-Token}. Anything else is refused with 401 and audited (at most
 * {@value #MAX_AUDITED_REFUSALS_PER_MINUTE} rows a minute, so a flood of forged calls cannot flood SYSTEM_LOG).
 * A 2xx answer means the update was recorded; on a failure to record it Telegram delivers it again.
 */
@Path("/telegram/webhook")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);
    private static final int MAX_AUDITED_REFUSALS_PER_MINUTE = 30;

    private final UpdateDispatcher dispatcher;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final WebhookSecret secret;
    private final AtomicLong refusalMinute = new AtomicLong();
    private final AtomicInteger refusalsThisMinute = new AtomicInteger();

    WebhookResource(UpdateDispatcher dispatcher, AuditLog audit, MeterRegistry metrics, BotConfig config) {
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.metrics = metrics;
        this.secret = config.telegram().mode() == BotConfig.Mode.WEBHOOK
                ? new WebhookSecret(config.telegram().webhookSecret().orElse(null))
                : null;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam(WebhookSecret.HEADER) String presentedSecret, String body) {
        if (secret == null) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        if (!secret.matches(presentedSecret)) {
            refused(presentedSecret == null ? "missing secret token" : "wrong secret token");
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        Update update;
        try {
            update = BotUtils.parseUpdate(body);
        } catch (RuntimeException e) {
            update = null;
        }
        if (update == null || update.updateId() == null) {
            LOG.warn("webhook call with an authentic secret but no update in the body");
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        try {
            dispatcher.accept(update);
        } catch (RuntimeException e) {
            // Telegram delivers it again later; a 5xx is its signal to do so
            LOG.warnf("update %d could not be recorded and is left for Telegram to deliver again: %s",
                    update.updateId(), e.toString());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        return Response.ok().build();
    }

    private void refused(String reason) {
        metrics.counter("bot.webhook.refused").increment();
        long minute = System.currentTimeMillis() / 60_000;
        if (refusalMinute.getAndSet(minute) != minute) {
            refusalsThisMinute.set(0);
        }
        if (refusalsThisMinute.incrementAndGet() <= MAX_AUDITED_REFUSALS_PER_MINUTE) {
            audit.record(AuditEvent.WEBHOOK_REJECTED, AuditOutcome.REFUSED, null, null, reason);
        } else {
            LOG.warnf("webhook call refused (%s); audit rows for refusals are capped this minute", reason);
        }
    }
}
