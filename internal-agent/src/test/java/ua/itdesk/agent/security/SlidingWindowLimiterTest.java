package ua.itdesk.agent.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final SlidingWindowLimiter limiter = new SlidingWindowLimiter(3, Duration.ofMinutes(15), clock);

    @Test
    void aKeyIsBlockedOnceItHasUsedItsAllowanceWithinTheWindow() {
        limiter.record("user");
        limiter.record("user");
        assertThat(limiter.blockedFor("user")).isEmpty();

        limiter.record("user");

        assertThat(limiter.blockedFor("user")).contains(Duration.ofMinutes(15));
        assertThat(limiter.blockedFor("someone else")).isEmpty();
    }

    @Test
    void eventsOlderThanTheWindowNoLongerCount() {
        limiter.record("user");
        clock.advance(Duration.ofMinutes(10));
        limiter.record("user");
        limiter.record("user");
        assertThat(limiter.blockedFor("user")).contains(Duration.ofMinutes(5));

        clock.advance(Duration.ofMinutes(5));

        assertThat(limiter.blockedFor("user")).isEmpty();
    }

    @Test
    void tryAcquireCountsOnlyWhatItAllows() {
        assertThat(limiter.tryAcquire("user")).isEmpty();
        assertThat(limiter.tryAcquire("user")).isEmpty();
        assertThat(limiter.tryAcquire("user")).isEmpty();

        assertThat(limiter.tryAcquire("user")).isPresent();
        clock.advance(Duration.ofMinutes(15));
        assertThat(limiter.tryAcquire("user")).isEmpty();
    }

    @Test
    void aResetForgetsTheKey() {
        limiter.record("user");
        limiter.record("user");
        limiter.record("user");

        limiter.reset("user");

        assertThat(limiter.blockedFor("user")).isEmpty();
    }

    @Test
    void evictionDropsOnlyKeysWithoutRecentEvents() {
        limiter.record("old");
        clock.advance(Duration.ofMinutes(20));
        limiter.record("recent");

        limiter.evictExpired();

        assertThat(limiter.size()).isEqualTo(1);
        assertThat(limiter.blockedFor("recent")).isEmpty();
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2025-01-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
