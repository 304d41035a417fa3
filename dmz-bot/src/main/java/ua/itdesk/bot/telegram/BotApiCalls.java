package ua.itdesk.bot.telegram;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.request.BaseRequest;
import com.pengrad.telegrambot.response.BaseResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * One call to the Bot API at a time through the {@link SendLimiter}, with its answer sorted into what the caller
 * should do next. Both ways out use it: the outbox and the synchronous sends, so they share one set of limits.
 */
final class BotApiCalls {

    private static final Logger LOG = Logger.getLogger(BotApiCalls.class);

    /** What became of one call. */
    enum Kind {
        OK,
        /** 429: Telegram asks to wait {@link Result#retryAfter} seconds (the limiter already pauses for it). */
        RATE_LIMITED,
        /** No answer, or a 5xx: worth trying again later. */
        TRANSIENT,
        /** Refused (4xx other than 429): trying again would not help. */
        REFUSED
    }

    /**
     * @param response   the successful response, else null
     * @param retryAfter seconds Telegram asked to wait (429)
     * @param error      the error code or exception, for logs and the outbox row
     */
    record Result<R>(Kind kind, R response, int retryAfter, String error) {
    }

    private final TelegramBot bot;
    private final SendLimiter limiter;
    private final MeterRegistry metrics;
    private final Counter throttled;

    BotApiCalls(TelegramBot bot, SendLimiter limiter, MeterRegistry metrics) {
        this.bot = bot;
        this.limiter = limiter;
        this.metrics = metrics;
        // registered at start, so that a dashboard shows 0 rather than no data
        this.throttled = Counter.builder("bot.outgoing.throttled").description("429 answers received from Telegram")
                .register(metrics);
    }

    SendLimiter limiter() {
        return limiter;
    }

    /**
     * Makes the call once. {@code chatId} null: not a sending call (answerCallbackQuery), so not counted against
     * the limits.
     */
    <T extends BaseRequest<T, R>, R extends BaseResponse> Result<R> call(BaseRequest<T, R> request, String method,
            Long chatId) throws InterruptedException {
        if (chatId != null) {
            limiter.acquire(chatId);
        }
        try {
            R response = bot.execute(request);
            if (response.isOk()) {
                return new Result<>(Kind.OK, response, 0, null);
            }
            int code = response.errorCode();
            String error = code + " " + response.description();
            Integer retryAfter = response.parameters() == null ? null : response.parameters().retryAfter();
            if (code == 429) {
                int seconds = retryAfter == null ? 1 : Math.max(1, retryAfter);
                limiter.pause(seconds, System.nanoTime());
                throttled.increment();
                LOG.infof("%s to chat %s: rate limited by Telegram, nothing is sent for %d s", method, chatId,
                        seconds);
                return new Result<>(Kind.RATE_LIMITED, null, seconds, error);
            }
            return new Result<>(code >= 500 ? Kind.TRANSIENT : Kind.REFUSED, null, 0, error);
        } catch (RuntimeException e) {
            return new Result<>(Kind.TRANSIENT, null, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (chatId != null) {
                limiter.answered(chatId, System.nanoTime());
            }
        }
    }

    /** Counts a call's final outcome: sent, retried or failed; {@code path} outbox or direct. */
    void count(String outcome, String path, String method, Result<?> result) {
        if ("failed".equals(outcome)) {
            String code = result.error() == null ? "" : result.error().split(" ", 2)[0];
            countFailed(path, method, !code.isEmpty() && code.chars().allMatch(Character::isDigit) ? code : "io");
        } else {
            metrics.counter("bot.outgoing." + outcome, "path", path).increment();
        }
    }

    /** {@code reason}: Telegram's error code, {@code io} (no answer), {@code expired} or {@code unreadable}. */
    void countFailed(String path, String method, String reason) {
        countFailed(path, method, reason, 1);
    }

    void countFailed(String path, String method, String reason, int times) {
        metrics.counter("bot.outgoing.failed", "path", path, "method", method, "reason", reason).increment(times);
    }
}
