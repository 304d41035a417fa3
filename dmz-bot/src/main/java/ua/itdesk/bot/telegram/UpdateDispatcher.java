package ua.itdesk.bot.telegram;

import com.pengrad.telegrambot.model.Update;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.conversation.CommonText;
import ua.itdesk.bot.conversation.Incoming;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.conversation.UpdateHandler;
import ua.itdesk.bot.events.NotificationReplies;

/**
 * Where every update enters, from long polling or the webhook alike (R1, S3): recorded once by update id (a
 * redelivery is dropped), limited per user, then handed to the conversation on the chat's own serial lane, off the
 * receiving thread. {@link #accept} returns quickly; it throws only when the update could not be recorded, so the
 * caller leaves it for Telegram to deliver again; the person is then told once that the bot will answer later, sent
 * at once because the outbox is in the same unavailable database.
 */
@ApplicationScoped
public class UpdateDispatcher {

    private static final Logger LOG = Logger.getLogger(UpdateDispatcher.class);

    private final ProcessedUpdates processed;
    private final UpdateHandler handler;
    private final NotificationReplies replies;
    private final MessageSender sender;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final BotConfig config;
    private final ExecutorService pool;
    private final ChatSerialExecutor chats;
    private final PerUserRateLimiter limiter;
    /** Chats told that their update waits, since the last update that could be recorded. */
    private final Set<Long> toldNotTaken = ConcurrentHashMap.newKeySet();

    UpdateDispatcher(ProcessedUpdates processed, UpdateHandler handler, NotificationReplies replies,
            MessageSender sender, AuditLog audit, MeterRegistry metrics, BotConfig config) {
        this.processed = processed;
        this.handler = handler;
        this.replies = replies;
        this.sender = sender;
        this.audit = audit;
        this.metrics = metrics;
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.telegram().workers(), r -> {
            Thread t = new Thread(r, "telegram-chat-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.chats = new ChatSerialExecutor(pool);
        this.limiter = new PerUserRateLimiter(config.rateLimit().perUserPerSecond());
    }

    /**
     * Takes an update in.
     *
     * @return false when the update id was seen before
     */
    public boolean accept(Update update) {
        // one id from receipt to the last line of the handling, and on to the agent and Jira (Correlation)
        String correlationId = UUID.randomUUID().toString();
        MDC.put(AuditLog.CORRELATION_KEY, correlationId);
        try {
            return accept(update, correlationId);
        } finally {
            MDC.remove(AuditLog.CORRELATION_KEY);
        }
    }

    private boolean accept(Update update, String correlationId) {
        Integer updateId = update.updateId();
        if (updateId == null) {
            count("ignored");
            return false;
        }
        Optional<Incoming> incoming = UpdateReader.read(update);
        boolean fresh;
        try {
            fresh = processed.markNew(updateId, UpdateReader.chatOf(update));
        } catch (RuntimeException e) {
            count("not_taken");
            tellNotTakenNow(update);
            throw e;
        }
        if (!toldNotTaken.isEmpty()) {
            LOG.infof("updates are recorded again; %d chat(s) had been told to wait", toldNotTaken.size());
            toldNotTaken.clear();
        }
        if (!fresh) {
            LOG.debugf("update %d was delivered again; ignored", updateId);
            count("duplicate");
            return false;
        }
        if (incoming.isEmpty()) {
            count("ignored");
            processed.markHandled(updateId);
            return true;
        }
        Incoming in = incoming.get();
        switch (limiter.check(in.userId(), System.currentTimeMillis())) {
            case ALLOW -> chats.submit(in.chatId(), () -> withCorrelation(correlationId,
                    () -> inTurn(in, () -> handle(in))));
            case DROP_AND_NOTIFY -> {
                count("rate_limited");
                chats.submit(in.chatId(), () -> withCorrelation(correlationId,
                        () -> inTurn(in, () -> notifyRateLimited(in))));
            }
            case DROP -> {
                count("rate_limited");
                processed.markHandled(updateId);
            }
        }
        return true;
    }

    /** Runs {@code work} after the chat's earlier updates taken by other instances, then notes the update handled. */
    private void inTurn(Incoming in, Runnable work) {
        try {
            if (!processed.awaitTurn(in.updateId(), in.chatId(), config.telegram().chatOrderWait())) {
                LOG.warnf("update %d of chat %d: an earlier update of the chat, taken by another instance, is still"
                        + " unhandled after %s; handling this one now", in.updateId(), in.chatId(),
                        config.telegram().chatOrderWait());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.warnf("update %d of chat %d: could not look for earlier updates (%s); handling it now",
                    in.updateId(), in.chatId(), e.toString());
        }
        try {
            work.run();
        } finally {
            try {
                processed.markHandled(in.updateId());
            } catch (RuntimeException e) {
                LOG.warnf("update %d: could not note it handled (%s); later updates of chat %d wait up to %s",
                        in.updateId(), e.toString(), in.chatId(), config.telegram().chatOrderWait());
            }
        }
    }

    /**
     * Tells the update's sender, once until updates can be recorded again, that the bot will answer later: for an
     * update that is left for Telegram to deliver again because an update before it, or itself, could not be
     * recorded.
     */
    public void tellNotTakenNow(Update update) {
        UpdateReader.read(update).filter(in -> toldNotTaken.add(in.chatId())).ifPresent(in -> {
            try {
                sender.send(OutgoingMessage.text(in.chatId(),
                        CommonText.NOT_TAKEN_NOW.in(Language.of(in.languageCode()))));
            } catch (RuntimeException e) {
                LOG.warnf("could not tell chat %d that its update waits: %s", in.chatId(), e.toString());
            }
        });
    }

    private void handle(Incoming in) {
        MDC.put("updateId", in.updateId());
        try {
            // a reply to a notification is a comment, whatever conversation the person is in (T5)
            if (!replies.take(in)) {
                handler.handle(in);
            }
            count("handled");
        } catch (RuntimeException e) {
            count("failed");
            LOG.errorf(e, "update %d of chat %d failed", in.updateId(), in.chatId());
            try {
                audit.record(AuditEvent.UPDATE_FAILED, AuditOutcome.FAILED, in.userId(), null,
                        e.getClass().getSimpleName());
                sender.send(OutgoingMessage.text(in.chatId(), CommonText.FAILED.in(Language.of(in.languageCode()))));
            } catch (RuntimeException again) {
                LOG.errorf("could not report the failure of update %d: %s", in.updateId(), again.toString());
            }
        } finally {
            MDC.remove("updateId");
        }
    }

    /** Runs on a chat's lane with the update's correlation id in every log line and audit row. */
    private static void withCorrelation(String correlationId, Runnable work) {
        MDC.put(AuditLog.CORRELATION_KEY, correlationId);
        try {
            work.run();
        } finally {
            MDC.remove(AuditLog.CORRELATION_KEY);
        }
    }

    private void notifyRateLimited(Incoming in) {
        audit.record(AuditEvent.RATE_LIMITED, AuditOutcome.REFUSED, in.userId(), null,
                "more than " + config.rateLimit().perUserPerSecond() + " updates per second; the excess was dropped");
        sender.send(OutgoingMessage.text(in.chatId(), CommonText.RATE_LIMITED.in(Language.of(in.languageCode()))));
        if (in.callback() != null) {
            sender.answerCallback(in.callback().queryId(), null);
        }
    }

    private void count(String outcome) {
        metrics.counter("bot.updates", "outcome", outcome).increment();
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warnf("%d chat(s) still busy at shutdown", chats.busyChats());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
