package ua.itdesk.agent.identity;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.security.SlidingWindowLimiter;

/**
 * Refused verifications counted per Telegram user and, separately, per phone number (A3): guessing many numbers
 * from one account and trying one number from many accounts are both cut off after
 * {@code agent.verify.max-failures} refusals within {@code agent.verify.failure-window}.
 */
@ApplicationScoped
@Startup // its gauges exist from the start, before the first use or scheduled run
class VerificationThrottle {

    private final SlidingWindowLimiter byTelegramUser;
    private final SlidingWindowLimiter byNumber;

    VerificationThrottle(AgentConfig config, MeterRegistry metrics) {
        int max = config.verify().maxFailures();
        Duration window = config.verify().failureWindow();
        this.byTelegramUser = new SlidingWindowLimiter(max, window, Clock.systemUTC());
        this.byNumber = new SlidingWindowLimiter(max, window, Clock.systemUTC());
        // A sudden rise means someone is trying numbers: worth an alert.
        metrics.gauge("agent.verify.throttle.tracked", Tags.of("key", "telegram-user"), byTelegramUser,
                SlidingWindowLimiter::size);
        metrics.gauge("agent.verify.throttle.tracked", Tags.of("key", "phone-number"), byNumber,
                SlidingWindowLimiter::size);
    }

    /** How long until this user may try this number again; empty when they may try now. */
    Optional<Duration> blockedFor(long telegramUserId, String e164) {
        return Stream.of(byTelegramUser.blockedFor(Long.toString(telegramUserId)), byNumber.blockedFor(e164))
                .flatMap(Optional::stream).max(Duration::compareTo);
    }

    void failed(long telegramUserId, String e164) {
        byTelegramUser.record(Long.toString(telegramUserId));
        byNumber.record(e164);
    }

    void succeeded(long telegramUserId, String e164) {
        byTelegramUser.reset(Long.toString(telegramUserId));
        byNumber.reset(e164);
    }

    @Scheduled(identity = "verification-throttle-eviction", every = "1m")
    void evictExpired() {
        byTelegramUser.evictExpired();
        byNumber.evictExpired();
    }
}
