package ua.itdesk.bot.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ua.itdesk.contracts.v1.Priority.CRITICAL;
import static ua.itdesk.contracts.v1.Priority.HIGH;
import static ua.itdesk.contracts.v1.Priority.LOW;
import static ua.itdesk.contracts.v1.Priority.MEDIUM;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.consultation.ConsultationQueue.Entry;
import ua.itdesk.contracts.v1.Priority;

class ConsultationQueueTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(10);

    private final ConsultationQueue queue = new ConsultationQueue(STEP);

    private static Entry entry(long id, Priority priority, int minutesAfterT0) {
        return new Entry(id, priority, T0.plus(Duration.ofMinutes(minutesAfterT0)));
    }

    private List<Long> served(Entry... entries) {
        return queue.order(List.of(entries)).stream().map(Entry::id).toList();
    }

    @Test
    void withoutAgeingAtPlayPriorityComesFirst() {
        assertThat(served(entry(1, LOW, 0), entry(2, MEDIUM, 0), entry(3, CRITICAL, 0), entry(4, HIGH, 0)))
                .containsExactly(3L, 4L, 2L, 1L);
    }

    @Test
    void equalPrioritiesAreServedInOrderOfArrival() {
        assertThat(served(entry(1, HIGH, 7), entry(2, HIGH, 2), entry(3, HIGH, 5))).containsExactly(2L, 3L, 1L);
    }

    @Test
    void aCriticalRequestOvertakesALowOneThatArrivedEarlier() {
        // LOW arrived 20 minutes (two steps) earlier: still one step short of a critical one's rank
        assertThat(served(entry(1, LOW, 0), entry(2, CRITICAL, 20))).containsExactly(2L, 1L);
    }

    @Test
    void aLowRequestThatWaitedPastTheAgeingBoundIsServedBeforeANewlyArrivedHighOne() {
        // 31 minutes waited is past LOW's bound (3 steps): nothing arriving now can pass it, not even CRITICAL
        assertThat(served(entry(1, LOW, 0), entry(2, HIGH, 31))).containsExactly(1L, 2L);
        assertThat(served(entry(1, LOW, 0), entry(2, CRITICAL, 31))).containsExactly(1L, 2L);
    }

    @Test
    void waitingLiftsOneLevelPerAgeingStep() {
        // MEDIUM 15 minutes earlier is 1.5 levels up: ahead of a new HIGH (1 level better), behind a new CRITICAL
        assertThat(served(entry(1, MEDIUM, 0), entry(2, HIGH, 15))).containsExactly(1L, 2L);
        assertThat(served(entry(1, MEDIUM, 0), entry(2, CRITICAL, 15))).containsExactly(2L, 1L);
    }

    @Test
    void aLongerAgeingStepLetsPriorityWeighMore() {
        ConsultationQueue slow = new ConsultationQueue(Duration.ofHours(1));
        List<Entry> entries = List.of(entry(1, LOW, 0), entry(2, HIGH, 31));

        assertThat(slow.order(entries).stream().map(Entry::id)).containsExactly(2L, 1L);
        assertThat(queue.order(entries).stream().map(Entry::id)).containsExactly(1L, 2L);
    }

    @Test
    void positionsOfThreeEmployeesFollowTheRule() {
        // Olena (LOW) at 9:00, Petro (MEDIUM) at 9:05, Iryna (CRITICAL) at 9:12: due 9:30, 9:25, 9:12
        List<Entry> waiting = List.of(entry(1, LOW, 0), entry(2, MEDIUM, 5), entry(3, CRITICAL, 12));

        assertThat(queue.position(waiting, 3)).hasValue(1);
        assertThat(queue.position(waiting, 2)).hasValue(2);
        assertThat(queue.position(waiting, 1)).hasValue(3);
        assertThat(queue.position(waiting, 4)).isEmpty();
    }

    @Test
    void theOrderOfEntriesAlreadyWaitingDoesNotChangeWithTimeOnlyWithArrivalsAndDepartures() {
        List<Entry> waiting = new ArrayList<>(List.of(entry(1, LOW, 0), entry(2, MEDIUM, 5), entry(3, HIGH, 9)));
        List<Long> before = queue.order(waiting).stream().map(Entry::id).toList();

        // the rule has no clock: the same entries give the same order at any time; a departure keeps the rest
        waiting.remove(1);
        assertThat(queue.order(waiting).stream().map(Entry::id).toList())
                .isEqualTo(before.stream().filter(id -> id != 2L).toList());
    }

    @Test
    void equalEntriesAreOrderedByIdWhateverTheInputOrder() {
        List<Entry> entries = new ArrayList<>();
        for (long id = 1; id <= 8; id++) {
            entries.add(entry(id, MEDIUM, 0));
        }
        List<Long> expected = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        Random random = new Random(4);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(entries, random);
            assertThat(queue.order(entries).stream().map(Entry::id)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void equalDueTimesServeTheEarlierArrivalFirst() {
        // LOW at 9:00 and CRITICAL at 9:30 are both due at 9:30: the one that waited longer goes first
        assertThat(served(entry(2, CRITICAL, 30), entry(1, LOW, 0))).containsExactly(1L, 2L);
        assertThat(served(entry(1, CRITICAL, 30), entry(2, LOW, 0))).containsExactly(2L, 1L);
    }

    @Test
    void anUnmappedPriorityCountsAsMedium() {
        assertThat(queue.dueAt(entry(1, null, 0))).isEqualTo(queue.dueAt(entry(2, MEDIUM, 0)));
        assertThat(served(entry(1, null, 0), entry(2, HIGH, 0), entry(3, LOW, 0))).containsExactly(2L, 1L, 3L);
    }

    @Test
    void anEmptyQueueHasNoOrderAndNoPositions() {
        assertThat(queue.order(List.of())).isEmpty();
        assertThat(queue.position(List.of(), 1)).isEmpty();
    }

    @Test
    void aStepThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new ConsultationQueue(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new ConsultationQueue(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsultationQueue(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
