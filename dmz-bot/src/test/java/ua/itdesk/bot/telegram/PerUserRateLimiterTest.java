package ua.itdesk.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ua.itdesk.bot.telegram.PerUserRateLimiter.Verdict;

class PerUserRateLimiterTest {

    private final PerUserRateLimiter limiter = new PerUserRateLimiter(3);

    @Test
    void theExcessWithinOneSecondIsDroppedWithOneNotice() {
        long t = 1_000_000;
        assertThat(limiter.check(1, t)).isEqualTo(Verdict.ALLOW);
        assertThat(limiter.check(1, t + 10)).isEqualTo(Verdict.ALLOW);
        assertThat(limiter.check(1, t + 20)).isEqualTo(Verdict.ALLOW);
        assertThat(limiter.check(1, t + 30)).isEqualTo(Verdict.DROP_AND_NOTIFY);
        assertThat(limiter.check(1, t + 40)).isEqualTo(Verdict.DROP);
    }

    @Test
    void theNextSecondStartsAfresh() {
        long t = 1_000_000;
        for (int i = 0; i < 5; i++) {
            limiter.check(1, t);
        }

        assertThat(limiter.check(1, t + 1000)).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aSustainedFloodEarnsAtMostOneNoticeAMinute() {
        long t = 1_000_000;
        int notices = 0;
        for (int second = 0; second < 30; second++) {
            for (int i = 0; i < 10; i++) {
                if (limiter.check(1, t + second * 1000L + i) == Verdict.DROP_AND_NOTIFY) {
                    notices++;
                }
            }
        }

        assertThat(notices).isEqualTo(1);
    }

    @Test
    void usersAreLimitedSeparately() {
        long t = 1_000_000;
        for (int i = 0; i < 5; i++) {
            limiter.check(1, t);
        }

        assertThat(limiter.check(2, t)).isEqualTo(Verdict.ALLOW);
    }
}
