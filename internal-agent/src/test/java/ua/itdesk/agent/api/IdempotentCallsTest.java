package ua.itdesk.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ua.itdesk.contracts.v1.RequestSummary;

class IdempotentCallsTest {

    private static final RequestSummary CREATED = new RequestSummary("HELP-1", "s", "Open", null, Instant.EPOCH,
            null);

    private final IdempotentCalls<RequestSummary> creations = new IdempotentCalls<>(Duration.ofHours(1), 2);
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void concurrentRepeatsWaitForTheFirstAndCreateOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<RequestSummary> first = pool.submit(() -> creations.call("E1", "key-0001", "fp", () -> {
                calls.incrementAndGet();
                await(release);
                return CREATED;
            }));
            while (calls.get() == 0) {
                Thread.onSpinWait();
            }
            Future<RequestSummary> second = pool.submit(() -> creations.call("E1", "key-0001", "fp", this::count));
            release.countDown();

            assertThat(first.get()).isEqualTo(CREATED);
            assertThat(second.get()).isEqualTo(CREATED);
            assertThat(calls).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedCreationIsForgottenSoTheRetryCreates() {
        assertThatThrownBy(() -> creations.call("E1", "key-0002", "fp", () -> {
            throw new IllegalStateException("Jira down");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(creations.call("E1", "key-0002", "fp", this::count)).isEqualTo(CREATED);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFailureThatMayHaveWrittenTellsTheRetrySinceWhenAndASuccessClearsIt() {
        IdempotentCalls<RequestSummary> uncertain = new IdempotentCalls<>(Duration.ofHours(1), 10,
                e -> e instanceof IllegalStateException);
        List<Instant> told = new ArrayList<>();
        Instant before = Instant.now();

        assertThatThrownBy(() -> uncertain.call("E1", "key-0010", "fp", since -> {
            told.add(since);
            throw new IllegalStateException("answer lost");
        })).isInstanceOf(IllegalStateException.class);
        uncertain.call("E1", "key-0010", "fp", since -> {
            told.add(since);
            return CREATED;
        });

        assertThat(told.get(0)).isNull();
        assertThat(told.get(1)).isNotNull().isBetween(before, Instant.now());
        assertThat(uncertain.call("E1", "key-0010", "fp", since -> {
            throw new AssertionError("a repeat after success is answered from memory");
        })).isEqualTo(CREATED);
    }

    @Test
    void aFailureThatCannotHaveWrittenLeavesNothingUncertain() {
        IdempotentCalls<RequestSummary> uncertain = new IdempotentCalls<>(Duration.ofHours(1), 10,
                e -> e instanceof IllegalStateException);
        List<Instant> told = new ArrayList<>();

        assertThatThrownBy(() -> uncertain.call("E1", "key-0011", "fp", since -> {
            throw new IllegalArgumentException("refused before writing");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uncertain.call("E1", "key-0012", "fp", since -> {
            throw new IllegalStateException("answer lost");
        })).isInstanceOf(IllegalStateException.class);
        uncertain.call("E1", "key-0011", "fp", since -> {
            told.add(since);
            return CREATED;
        });
        uncertain.call("E1", "key-0012", "other body", since -> {
            told.add(since);
            return CREATED;
        });

        assertThat(told).containsExactly(null, null);
    }

    @Test
    void keysAreKeptPerScopeAndADifferentBodyIsRefused() {
        creations.call("E1", "key-0003", "fp", this::count);
        creations.call("E2", "key-0003", "fp", this::count);

        assertThat(calls).hasValue(2);
        assertThatThrownBy(() -> creations.call("E1", "key-0003", "other", this::count))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void holdsAtMostTheConfiguredNumberOfEntries() {
        creations.call("E1", "key-0004", "fp", this::count);
        creations.call("E1", "key-0005", "fp", this::count);
        creations.call("E1", "key-0006", "fp", this::count);

        assertThat(creations.size()).isEqualTo(2);
        creations.call("E1", "key-0004", "fp", this::count); // the oldest was forgotten
        assertThat(calls).hasValue(4);
    }

    @Test
    void fingerprintsTellBodiesApartAlsoWhereConcatenationWouldNot() {
        assertThat(IdempotentCalls.fingerprint("ab", "c")).isEqualTo(IdempotentCalls.fingerprint("ab", "c"))
                .isNotEqualTo(IdempotentCalls.fingerprint("a", "bc"));
        assertThat(IdempotentCalls.fingerprint("f.png", new byte[] {1, 2}))
                .isNotEqualTo(IdempotentCalls.fingerprint("f.png", new byte[] {1, 3}));
    }

    private RequestSummary count() {
        calls.incrementAndGet();
        return CREATED;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
