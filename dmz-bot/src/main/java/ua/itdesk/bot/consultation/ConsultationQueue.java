package ua.itdesk.bot.consultation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import ua.itdesk.contracts.v1.Priority;

/**
 * The order in which waiting consultations are served (C2): priority first, then waiting time, with ageing so that a
 * low priority cannot starve. A pure function of the entries: no clock, no database.
 *
 * <p><b>The rule.</b> Each priority has a level: CRITICAL 0, HIGH 1, MEDIUM 2, LOW 3 (a request whose Jira priority
 * the agent could not map counts as MEDIUM). Every {@code ageingStep} waited lifts an entry by one level, so its
 * effective rank at time {@code now} is
 *
 * <pre>
 *   rank = level - (now - enqueuedAt) / ageingStep        (smaller is served first, fractions count)
 * </pre>
 *
 * <p>All entries age at the same rate, so {@code now} drops out of any comparison and the order is that of the
 * <em>due time</em> {@code enqueuedAt + level x ageingStep}: a critical request is due on arrival, a low one three
 * steps after it arrived. Consequences, each tested:
 * <ul>
 *   <li>a critical request overtakes a low one that arrived less than three steps earlier;</li>
 *   <li>the bound: once an entry has waited {@code 3 x ageingStep} (LOW's level) it is due, and nothing that arrives
 *       later can overtake it (a newcomer is due now at the earliest); from then on waiting time alone decides
 *       against newcomers;</li>
 *   <li>the order of two entries already waiting never changes with time, so a position only moves when an entry
 *       arrives ahead or leaves: the employee is told of real changes, not of clock ticks.</li>
 * </ul>
 *
 * <p><b>Ties</b> (equal due times): the earlier arrival first, then the smaller id (ids grow with arrival), so the
 * order is total and does not depend on the order of the input.
 *
 * <p>Default step: {@link #DEFAULT_AGEING_STEP} (10 minutes), so a LOW request waits at most 30 minutes before no
 * newcomer can pass it, about three typical consultations.
 */
public final class ConsultationQueue {

    public static final Duration DEFAULT_AGEING_STEP = Duration.ofMinutes(10);

    /**
     * A waiting consultation.
     *
     * @param id         the CONSULTATION_REQUESTS id
     * @param priority   the request's priority; null when the agent could not map Jira's (counts as MEDIUM)
     * @param enqueuedAt when it first entered the queue; not reset by a decline or an expired offer
     */
    public record Entry(long id, Priority priority, Instant enqueuedAt) {
        public Entry {
            Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        }
    }

    private final Duration ageingStep;
    private final Comparator<Entry> order;

    /** @param ageingStep the wait that lifts an entry by one priority level; positive */
    public ConsultationQueue(Duration ageingStep) {
        if (ageingStep == null || ageingStep.isNegative() || ageingStep.isZero()) {
            throw new IllegalArgumentException("the ageing step must be positive, was " + ageingStep);
        }
        this.ageingStep = ageingStep;
        this.order = Comparator.comparing(this::dueAt).thenComparing(Entry::enqueuedAt)
                .thenComparingLong(Entry::id);
    }

    /** The priority level: 0 is served first. */
    static int level(Priority priority) {
        return switch (priority == null ? Priority.MEDIUM : priority) {
            case CRITICAL -> 0;
            case HIGH -> 1;
            case MEDIUM -> 2;
            case LOW -> 3;
        };
    }

    /** When an entry's effective rank reaches 0, a newly arrived critical request's: the key of the order. */
    public Instant dueAt(Entry entry) {
        return entry.enqueuedAt().plus(ageingStep.multipliedBy(level(entry.priority())));
    }

    /** The entries in the order they are served, first served first. */
    public List<Entry> order(Collection<Entry> waiting) {
        return waiting.stream().sorted(order).toList();
    }

    /** The 1-based place of the entry {@code id} among {@code waiting}; empty if it is not there. */
    public OptionalInt position(Collection<Entry> waiting, long id) {
        List<Entry> ordered = order(waiting);
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).id() == id) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }
}
