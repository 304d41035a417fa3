package ua.itdesk.agent.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.contracts.v1.EventBatch;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * The request events the bot collects (Z3): an in-memory buffer, bounded by count and age, numbered by a sequence
 * that only grows. A cursor is {@code <epoch>.<sequence>}: the epoch is drawn at random when the agent starts, so a
 * cursor of an earlier run (or of another agent) is recognised and answered with {@link EventBatch#reset()} rather
 * than with the wrong events. An event whose id is still in the buffer is dropped, so webhook retries and polling
 * overlap reach the bot once.
 *
 * <p>Events come from the webhook listener, the poller and, as CDI events ({@code Event<RequestEvent>}), from any
 * other part of the agent (the assignment's "no specialist available").
 *
 * <p>A long poll waits on a worker thread (the contract's method is synchronous), so at most
 * {@link AgentConfig.Events#maxWaiting()} polls wait at once and each at most
 * {@link ua.itdesk.contracts.v1.EventsApi#MAX_WAIT_SECONDS}; further polls are answered at once.
 */
@ApplicationScoped
public class EventLog {

    private static final Logger LOG = Logger.getLogger(EventLog.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int maxEvents;
    private final Duration maxAge;
    private final int maxBatch;
    private final int maxWaiting;
    private final Clock clock;
    private final String epoch;

    private final Object lock = new Object();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<String, Long> sequenceById = new HashMap<>();
    /** The sequence of the newest event ever taken; 0 before the first. */
    private long lastSequence;
    /** Events up to this sequence have left the buffer. */
    private long droppedUpTo;
    private int waiting;

    private final Counter published;
    private final Counter repeats;

    @Inject
    EventLog(AgentConfig config, MeterRegistry metrics) {
        this(config.events().maxEvents(), config.events().maxAge(), config.events().maxBatch(),
                config.events().maxWaiting(), Clock.systemUTC(), metrics);
    }

    EventLog(int maxEvents, Duration maxAge, int maxBatch, int maxWaiting, Clock clock, MeterRegistry metrics) {
        if (maxEvents < 1 || maxBatch < 1 || maxWaiting < 0 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("agent.events: max-events and max-batch must be positive, max-age"
                    + " longer than zero, max-waiting not negative");
        }
        this.maxEvents = maxEvents;
        this.maxAge = maxAge;
        this.maxBatch = maxBatch;
        this.maxWaiting = maxWaiting;
        this.clock = Objects.requireNonNull(clock);
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        this.epoch = HexFormat.of().formatHex(random);
        this.published = Counter.builder("agent.events.published")
                .description("Request events taken into the buffer for the bot").register(metrics);
        this.repeats = Counter.builder("agent.events.repeats")
                .description("Request events dropped because an event with the same id is buffered")
                .register(metrics);
        Gauge.builder("agent.events.buffered", this, EventLog::size)
                .description("Request events held for the bot").strongReference(true).register(metrics);
    }

    /** Takes an event fired with CDI's {@code Event<RequestEvent>}. */
    void onEvent(@Observes RequestEvent event) {
        publish(event);
    }

    /** Adds an event; false when an event with the same id is still buffered (it is then dropped). */
    public boolean publish(RequestEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            prune();
            if (sequenceById.containsKey(event.id())) {
                repeats.increment();
                return false;
            }
            long sequence = ++lastSequence;
            entries.addLast(new Entry(sequence, event, clock.instant()));
            sequenceById.put(event.id(), sequence);
            prune();
            lock.notifyAll();
        }
        published.increment();
        LOG.debugf("event %s (%s %s) buffered", event.id(), event.type(), event.key());
        return true;
    }

    /**
     * The events after {@code cursor}; when there are none yet, waits up to {@code wait} for the first. No cursor:
     * only events that arrive from now on.
     */
    public EventBatch poll(String cursor, Duration wait) {
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        synchronized (lock) {
            prune();
            Position from = position(cursor);
            boolean counted = false;
            try {
                while (true) {
                    List<Entry> events = after(from.after());
                    long remaining = deadline - System.nanoTime();
                    if (!events.isEmpty() || from.reset() || remaining <= 0) {
                        return batch(from, events);
                    }
                    if (!counted) {
                        if (waiting >= maxWaiting) {
                            return batch(from, events);
                        }
                        waiting++;
                        counted = true;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, remaining);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return batch(from, after(from.after()));
                    }
                    prune();
                    if (from.after() < droppedUpTo) {
                        // fell out while waiting (only under a burst larger than the buffer)
                        from = new Position(droppedUpTo, true);
                    }
                }
            } finally {
                if (counted) {
                    waiting--;
                }
            }
        }
    }

    /** The number of buffered events. */
    public int size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    /** The cursor that stands for "everything so far". */
    public String head() {
        synchronized (lock) {
            return cursor(lastSequence);
        }
    }

    private EventBatch batch(Position from, List<Entry> events) {
        long last = events.isEmpty() ? from.after() : events.get(events.size() - 1).sequence();
        return new EventBatch(events.stream().map(Entry::event).toList(), cursor(last), from.reset());
    }

    /** Where to read from: after which sequence, and whether the bot's cursor could not be honoured. */
    private Position position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return new Position(lastSequence, false);
        }
        int dot = cursor.lastIndexOf('.');
        long sequence = -1;
        if (dot > 0 && cursor.substring(0, dot).equals(epoch)) {
            try {
                sequence = Long.parseLong(cursor.substring(dot + 1));
            } catch (NumberFormatException e) {
                sequence = -1;
            }
        }
        if (sequence < droppedUpTo || sequence > lastSequence) {
            // another run's cursor, one that fell out of the buffer, or none of ours at all
            return new Position(droppedUpTo, true);
        }
        return new Position(sequence, false);
    }

    private List<Entry> after(long sequence) {
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (e.sequence() > sequence) {
                found.add(e);
                if (found.size() >= maxBatch) {
                    break;
                }
            }
        }
        return found;
    }

    private void prune() {
        Instant oldest = clock.instant().minus(maxAge);
        while (!entries.isEmpty()
                && (entries.size() > maxEvents || entries.peekFirst().added().isBefore(oldest))) {
            Entry gone = entries.removeFirst();
            sequenceById.remove(gone.event().id(), gone.sequence());
            droppedUpTo = gone.sequence();
        }
    }

    private String cursor(long sequence) {
        return epoch + "." + sequence;
    }

    private record Entry(long sequence, RequestEvent event, Instant added) {
    }

    private record Position(long after, boolean reset) {
    }
}
