package ua.itdesk.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendLimiterTest {

    private static final long SECOND = SendLimiter.WINDOW_NANOS;
    private static final long MS = 1_000_000L;

    @Test
    void noMoreThanTheGlobalLimitStartsWithinAnySecond() {
        SendLimiter limiter = new SendLimiter(5, 100);
        long now = 0;
        List<Long> starts = new ArrayList<>();
        for (int chat = 0; starts.size() < 40; chat++) {
            long wait;
            while ((wait = limiter.tryAcquire(chat, now)) > 0) {
                now += wait;
            }
            starts.add(now);
            // each call takes 20 ms to answer
            now += 20 * MS;
            limiter.answered(chat, now);
        }

        for (int i = 5; i < starts.size(); i++) {
            // the sixth start after any start is more than a second after that one's answer
            assertThat(starts.get(i) - starts.get(i - 5)).isGreaterThanOrEqualTo(SECOND + 20 * MS);
        }
    }

    @Test
    void oneChatGetsOneCallASecondWhileOthersGoOn() {
        SendLimiter limiter = new SendLimiter(30, 1);

        assertThat(limiter.tryAcquire(1, 0)).isZero();
        limiter.answered(1, 10 * MS);

        assertThat(limiter.tryAcquire(1, 20 * MS)).isEqualTo(SECOND - 10 * MS);
        assertThat(limiter.tryAcquire(2, 20 * MS)).isZero();
        assertThat(limiter.tryAcquire(1, SECOND + 10 * MS)).isZero();
    }

    @Test
    void aCallInFlightHoldsItsSlotUntilItIsAnswered() {
        SendLimiter limiter = new SendLimiter(30, 1);

        assertThat(limiter.tryAcquire(1, 0)).isZero();

        assertThat(limiter.tryAcquire(1, 5 * SECOND)).isPositive();
        limiter.answered(1, 5 * SECOND);
        assertThat(limiter.tryAcquire(1, 6 * SECOND - 1)).isEqualTo(1);
        assertThat(limiter.tryAcquire(1, 6 * SECOND)).isZero();
    }

    @Test
    void a429HoldsEveryChatForRetryAfter() {
        SendLimiter limiter = new SendLimiter(30, 1);

        limiter.pause(3, 0);

        assertThat(limiter.tryAcquire(7, 0)).isEqualTo(3 * SECOND);
        assertThat(limiter.tryAcquire(8, 2 * SECOND)).isEqualTo(SECOND);
        assertThat(limiter.tryAcquire(8, 3 * SECOND)).isZero();
    }

    @Test
    void busyChatsAreThoseThatMustWait() {
        SendLimiter limiter = new SendLimiter(30, 1);
        limiter.tryAcquire(1, 0);
        limiter.tryAcquire(2, 0);
        limiter.answered(2, 0);

        assertThat(limiter.busyChats(100 * MS)).containsExactlyInAnyOrder(1L, 2L);
        limiter.answered(1, 100 * MS);
        assertThat(limiter.busyChats(SECOND)).containsExactly(1L);
        assertThat(limiter.busyChats(SECOND + 100 * MS)).isEmpty();
    }

    @Test
    void limitsBelowOneAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SendLimiter(0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
