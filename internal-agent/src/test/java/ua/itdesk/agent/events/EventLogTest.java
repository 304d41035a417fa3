package ua.itdesk.agent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import ua.itdesk.contracts.v1.EventBatch;
import ua.itdesk.contracts.v1.EventsApi;
import ua.itdesk.contracts.v1.RequestEvent;
import ua.itdesk.contracts.v1.RequestEventType;

class EventLogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

    @Test
    void withoutACursorOnlyEventsFromNowOnAreServed() {
        EventLog log = log(100, Duration.ofHours(1), 50);
        log.publish(event("ITS-1:created"));

        EventBatch first = log.poll(null, Duration.ZERO);
        assertThat(first.events()).isEmpty();
        assertThat(first.reset()).isFalse();

        log.publish(event("ITS-2:created"));
        EventBatch next = log.poll(first.cursor(), Duration.ZERO);
        assertThat(next.events()).extracting(RequestEvent::id).containsExactly("ITS-2:created");
        assertThat(next.reset()).isFalse();
    }

    @Test
    void aCursorResumesAfterTheLastEventItWasHandedWith() {
        EventLog log = log(100, Duration.ofHours(1), 2);
        String start = log.poll(null, Duration.ZERO).cursor();
        for (int i = 1; i <= 5; i++) {
            log.publish(event("ITS-" + i + ":created"));
        }

        EventBatch a = log.poll(start, Duration.ZERO);
        EventBatch b = log.poll(a.cursor(), Duration.ZERO);
        EventBatch c = log.poll(b.cursor(), Duration.ZERO);
        EventBatch again = log.poll(a.cursor(), Duration.ZERO);

        assertThat(a.events()).extracting(RequestEvent::id).containsExactly("ITS-1:created", "ITS-2:created");
        assertThat(b.events()).extracting(RequestEvent::id).containsExactly("ITS-3:created", "ITS-4:created");
        assertThat(c.events()).extracting(RequestEvent::id).containsExactly("ITS-5:created");
        assertThat(again.events()).isEqualTo(b.events());
        assertThat(log.poll(c.cursor(), Duration.ZERO).events()).isEmpty();
        assertThat(log.poll(c.cursor(), Duration.ZERO).cursor()).isEqualTo(c.cursor());
    }

    @Test
    void cursorsMatchTheContractsPattern() {
        EventLog log = log(100, Duration.ofHours(1), 50);
        log.publish(event("ITS-1:created"));

        assertThat(log.poll(null, Duration.ZERO).cursor()).matches(EventsApi.CURSOR).matches("[0-9a-f]+\\.1");
    }

    @Test
    void aCursorOfAnotherRunIsResetToTheOldestEventHeld() {
        EventLog earlier = log(100, Duration.ofHours(1), 50);
        earlier.publish(event("ITS-1:created"));
        String earlierCursor = earlier.poll(null, Duration.ZERO).cursor();
        EventLog log = log(100, Duration.ofHours(1), 50);
        log.publish(event("ITS-7:created"));

        EventBatch batch = log.poll(earlierCursor, Duration.ofSeconds(5));

        assertThat(batch.reset()).isTrue();
        assertThat(batch.events()).extracting(RequestEvent::id).containsExactly("ITS-7:created");
        assertThat(log.poll(batch.cursor(), Duration.ZERO).reset()).isFalse();
    }

    @Test
    void aCursorThatIsNoneOfOursIsReset() {
        EventLog log = log(100, Duration.ofHours(1), 50);
        log.publish(event("ITS-1:created"));

        assertThat(log.poll("garbage", Duration.ZERO).reset()).isTrue();
        assertThat(log.poll("garbage", Duration.ZERO).events()).hasSize(1);
    }

    @Test
    void aCursorThatFellOutOfTheBufferIsReset() {
        EventLog log = log(3, Duration.ofHours(1), 50);
        String start = log.poll(null, Duration.ZERO).cursor();
        for (int i = 1; i <= 5; i++) {
            log.publish(event("ITS-" + i + ":created"));
        }

        EventBatch batch = log.poll(start, Duration.ZERO);

        assertThat(batch.reset()).isTrue();
        assertThat(batch.events()).extracting(RequestEvent::id)
                .containsExactly("ITS-3:created", "ITS-4:created", "ITS-5:created");
        assertThat(log.size()).isEqualTo(3);
    }

    @Test
    void eventsOlderThanTheMaximumAgeLeaveTheBuffer() {
        EventLog log = log(100, Duration.ofMinutes(10), 50);
        String start = log.poll(null, Duration.ZERO).cursor();
        log.publish(event("ITS-1:created"));
        clock.advance(Duration.ofMinutes(6));
        log.publish(event("ITS-2:created"));
        clock.advance(Duration.ofMinutes(5));

        EventBatch batch = log.poll(start, Duration.ZERO);

        assertThat(log.size()).isEqualTo(1);
        assertThat(batch.reset()).isTrue();
        assertThat(batch.events()).extracting(RequestEvent::id).containsExactly("ITS-2:created");
    }

    @Test
    void anEventWhoseIdIsStillBufferedIsDropped() {
        EventLog log = log(100, Duration.ofHours(1), 50);
        String start = log.poll(null, Duration.ZERO).cursor();

        assertThat(log.publish(event("ITS-1:comment:10"))).isTrue();
        assertThat(log.publish(event("ITS-1:comment:10"))).isFalse();
        log.publish(event("ITS-1:comment:11"));

        assertThat(log.poll(start, Duration.ZERO).events()).extracting(RequestEvent::id)
                .containsExactly("ITS-1:comment:10", "ITS-1:comment:11");
    }

    @Test
    void anIdIsTakenAgainOnceItsEventLeftTheBuffer() {
        EventLog log = log(1, Duration.ofHours(1), 50);
        log.publish(event("ITS-1:comment:10"));
        log.publish(event("ITS-1:comment:11"));

        assertThat(log.publish(event("ITS-1:comment:10"))).isTrue();
    }

    @Test
    void aLongPollWaitsForTheNextEvent() throws Exception {
        EventLog log = log(100, Duration.ofHours(1), 50);
        String start = log.poll(null, Duration.ZERO).cursor();

        CompletableFuture<EventBatch> waiting = CompletableFuture.supplyAsync(
                () -> log.poll(start, Duration.ofSeconds(20)));
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        log.publish(event("ITS-9:created"));

        EventBatch batch = waiting.get(5, TimeUnit.SECONDS);
        assertThat(batch.events()).extracting(RequestEvent::id).containsExactly("ITS-9:created");
    }

    @Test
    void aLongPollWithoutEventsEndsWhenItsWaitRunsOut() {
        EventLog log = log(100, Duration.ofHours(1), 50);
        String start = log.poll(null, Duration.ZERO).cursor();
        long began = System.nanoTime();

        EventBatch batch = log.poll(start, Duration.ofMillis(300));

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(batch.events()).isEmpty();
        assertThat(batch.cursor()).isEqualTo(start);
    }

    @Test
    void pollsBeyondTheWaitingLimitAreAnsweredAtOnce() throws Exception {
        EventLog log = new EventLog(100, Duration.ofHours(1), 50, 1, clock, new SimpleMeterRegistry());
        String start = log.poll(null, Duration.ZERO).cursor();
        CompletableFuture<EventBatch> first = CompletableFuture.supplyAsync(
                () -> log.poll(start, Duration.ofSeconds(20)));
        Thread.sleep(200);

        long began = System.nanoTime();
        EventBatch second = log.poll(start, Duration.ofSeconds(20));

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
        assertThat(second.events()).isEmpty();
        log.publish(event("ITS-3:created"));
        assertThat(first.get(5, TimeUnit.SECONDS).events()).hasSize(1);
    }

    @Test
    void eventsFiredAsCdiEventsAreTaken() {
        EventLog log = log(100, Duration.ofHours(1), 50);
        String start = log.poll(null, Duration.ZERO).cursor();

        log.onEvent(new RequestEvent("ITS-4:no-specialist", RequestEventType.NO_SPECIALIST_AVAILABLE, "ITS-4",
                clock.instant(), "Printer", null, "Waiting for support", null, "E1", null, null, null, null));

        assertThat(log.poll(start, Duration.ZERO).events()).extracting(RequestEvent::type)
                .containsExactly(RequestEventType.NO_SPECIALIST_AVAILABLE);
    }

    @Test
    void limitsMustMakeSense() {
        assertThatThrownBy(() -> log(0, Duration.ofHours(1), 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log(10, Duration.ZERO, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    private EventLog log(int maxEvents, Duration maxAge, int maxBatch) {
        return new EventLog(maxEvents, maxAge, maxBatch, 4, clock, new SimpleMeterRegistry());
    }

    private RequestEvent event(String id) {
        return new RequestEvent(id, RequestEventType.CREATED, id.substring(0, id.indexOf(':')), clock.instant(),
                "Summary", null, "Open", null, null, null, null, null, null);
    }

    static final class MutableClock extends Clock {

        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(i -> i.plus(by));
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
            return now.get();
        }
    }
}
