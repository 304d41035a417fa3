package ua.itdesk.agent.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key within a sliding window and says when a key has used up its allowance. Keeps at most
 * {@code limit} timestamps per key; keys whose events have all expired are dropped by {@link #evictExpired()}, so
 * memory follows the number of recently active keys. Every change to a key happens inside the map's atomic
 * per-key {@code compute}, so concurrent calls for one person cannot slip past the limit together.
 */
public final class SlidingWindowLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Instant>> events = new ConcurrentHashMap<>();

    public SlidingWindowLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** How long until {@code key} may act again; empty when it may act now. Counts nothing. */
    public Optional<Duration> blockedFor(String key) {
        Instant now = clock.instant();
        Duration[] wait = new Duration[1];
        events.computeIfPresent(key, (k, times) -> {
            dropExpired(times, now);
            if (times.size() >= limit) {
                wait[0] = Duration.between(now, times.peekFirst().plus(window));
            }
            return times.isEmpty() ? null : times;
        });
        return Optional.ofNullable(wait[0]);
    }

    /** Counts one event for {@code key}. */
    public void record(String key) {
        Instant now = clock.instant();
        events.compute(key, (k, times) -> {
            Deque<Instant> t = times == null ? new ArrayDeque<>() : times;
            dropExpired(t, now);
            t.addLast(now);
            while (t.size() > limit) {
                t.removeFirst();
            }
            return t;
        });
    }

    /**
     * Counts one event for {@code key} if it is within its allowance.
     *
     * @return empty when the event was counted, otherwise how long until the key may act again
     */
    public Optional<Duration> tryAcquire(String key) {
        Instant now = clock.instant();
        Duration[] wait = new Duration[1];
        events.compute(key, (k, times) -> {
            Deque<Instant> t = times == null ? new ArrayDeque<>() : times;
            dropExpired(t, now);
            if (t.size() >= limit) {
                wait[0] = Duration.between(now, t.peekFirst().plus(window));
            } else {
                t.addLast(now);
            }
            return t;
        });
        return Optional.ofNullable(wait[0]);
    }

    /** Forgets {@code key}'s events, as after a success that ends a run of failures. */
    public void reset(String key) {
        events.remove(key);
    }

    /** Drops keys with no event inside the window. */
    public void evictExpired() {
        Instant now = clock.instant();
        for (String key : events.keySet()) {
            events.computeIfPresent(key, (k, times) -> {
                dropExpired(times, now);
                return times.isEmpty() ? null : times;
            });
        }
    }

    /** Keys currently tracked. */
    public int size() {
        return events.size();
    }

    private void dropExpired(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }
}
