package ua.itdesk.bot.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.consultation.WaitEstimator.Capacity;

class WaitEstimatorTest {

    private static final List<Duration> NO_HISTORY = List.of();

    private final WaitEstimator estimator = new WaitEstimator(5, Duration.ofMinutes(15));

    private static List<Duration> minutes(long... values) {
        List<Duration> list = new ArrayList<>();
        for (long v : values) {
            list.add(Duration.ofMinutes(v));
        }
        return list;
    }

    private static Capacity busy(int online) {
        return new Capacity(online, 1, 0);
    }

    @Test
    void withoutHistoryTheDefaultDurationIsAssumed() {
        assertThat(estimator.typicalDuration(NO_HISTORY)).isEqualTo(Duration.ofMinutes(15));
        assertThat(estimator.estimate(1, NO_HISTORY, busy(1))).contains(Duration.ofMinutes(15));
    }

    @Test
    void theTypicalDurationIsTheMedianOfTheNewestConsultations() {
        assertThat(estimator.typicalDuration(minutes(12, 4, 9))).isEqualTo(Duration.ofMinutes(9));
        assertThat(estimator.typicalDuration(minutes(12, 4, 9, 6))).isEqualTo(Duration.ofMillis(450_000));
        // only the newest five count: the two old marathons do not
        assertThat(estimator.typicalDuration(minutes(5, 6, 7, 8, 9, 600, 600))).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void oneForgottenChatDoesNotDragTheEstimate() {
        assertThat(estimator.typicalDuration(minutes(8, 10, 240))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void withOneSpecialistEachPositionWaitsOneMoreConsultation() {
        List<Duration> recent = minutes(10, 10, 10);

        assertThat(estimator.estimate(1, recent, busy(1))).contains(Duration.ofMinutes(10));
        assertThat(estimator.estimate(2, recent, busy(1))).contains(Duration.ofMinutes(20));
        assertThat(estimator.estimate(3, recent, busy(1))).contains(Duration.ofMinutes(30));
    }

    @Test
    void severalSpecialistsShareTheQueue() {
        List<Duration> recent = minutes(12);

        assertThat(estimator.estimate(1, recent, busy(3))).contains(Duration.ofMinutes(4));
        assertThat(estimator.estimate(6, recent, busy(3))).contains(Duration.ofMinutes(24));
    }

    @Test
    void aHigherConcurrencyLimitCountsAsMoreSlots() {
        assertThat(estimator.estimate(4, minutes(10), new Capacity(1, 2, 0))).contains(Duration.ofMinutes(20));
    }

    @Test
    void movingUpInTheQueueShortensTheEstimate() {
        List<Duration> recent = minutes(9, 11);

        Duration third = estimator.estimate(3, recent, busy(2)).orElseThrow();
        Duration second = estimator.estimate(2, recent, busy(2)).orElseThrow();
        Duration first = estimator.estimate(1, recent, busy(2)).orElseThrow();

        assertThat(third).isEqualTo(Duration.ofMinutes(15));
        assertThat(second).isEqualTo(Duration.ofMinutes(10));
        assertThat(first).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void freeSlotsServeTheFirstPositionsAtOnce() {
        Capacity oneFree = new Capacity(2, 1, 1);

        assertThat(estimator.estimate(1, minutes(10), oneFree)).contains(Duration.ZERO);
        assertThat(estimator.estimate(2, minutes(10), oneFree)).contains(Duration.ofMinutes(5));
    }

    @Test
    void withNobodyOnlineTheWaitIsUnknownNotInfinite() {
        assertThat(estimator.estimate(1, minutes(10), busy(0))).isEmpty();
        assertThat(estimator.estimate(1, NO_HISTORY, new Capacity(0, 3, 0))).isEmpty();
    }

    @Test
    void partialMinutesAreRoundedUp() {
        // 10 minutes over 3 slots: 3 min 20 s told as 4 minutes
        assertThat(estimator.estimate(1, minutes(10), busy(3))).contains(Duration.ofMinutes(4));
        assertThat(estimator.estimate(1, List.of(Duration.ofSeconds(20)), busy(1))).contains(Duration.ofMinutes(1));
    }

    @Test
    void impossibleInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> estimator.estimate(0, NO_HISTORY, busy(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positions start at 1");
        assertThatThrownBy(() -> new Capacity(1, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("impossible capacity");
        assertThatThrownBy(() -> new Capacity(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> estimator.typicalDuration(List.of(Duration.ofMinutes(-3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot last");
        assertThatThrownBy(() -> new WaitEstimator(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WaitEstimator(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
