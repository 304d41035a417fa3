package ua.itdesk.bot.consultation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The estimated wait told to an employee in the queue (C2), from the durations of recent consultations and the
 * specialists online. A pure function: the caller reads the durations and the presence.
 *
 * <p><b>The formula.</b> {@code D} is the typical length of a consultation: the median of the newest
 * {@code sampleSize} finished ones (the median, because one forgotten chat closed by the idle timeout would drag a
 * mean), or {@code defaultDuration} while there is none. {@code c = online x limit} chat slots work in parallel and
 * {@code f} of them are free right now. The entry at position {@code p} is served by the {@code p}-th slot to become
 * available; the first {@code f} are available already, each of the others frees up on average every {@code D / c}:
 *
 * <pre>
 *   wait(p) = max(0, p - f) x D / c,   rounded up to a whole minute
 * </pre>
 *
 * <p>This counts a chat under way as if it had just begun, so it errs on the long side, which is the side an
 * employee forgives. With nobody online ({@code c = 0}) there is no estimate: the answer is empty ("unknown"),
 * never an infinite or made-up number. Defaults: {@link #DEFAULT_SAMPLE_SIZE} consultations,
 * {@link #DEFAULT_DURATION}.
 */
public final class WaitEstimator {

    public static final int DEFAULT_SAMPLE_SIZE = 20;
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(15);

    /**
     * The chat slots at the moment of the estimate.
     *
     * @param specialistsOnline specialists online
     * @param limitPerSpecialist how many chats one specialist holds at once (1 by default)
     * @param freeSlots          slots of online specialists that hold neither a chat nor an offer
     */
    public record Capacity(int specialistsOnline, int limitPerSpecialist, int freeSlots) {
        public Capacity {
            if (specialistsOnline < 0 || limitPerSpecialist < 1 || freeSlots < 0
                    || (long) freeSlots > (long) specialistsOnline * limitPerSpecialist) {
                throw new IllegalArgumentException("impossible capacity: " + specialistsOnline + " online, limit "
                        + limitPerSpecialist + ", " + freeSlots + " free");
            }
        }

        long slots() {
            return (long) specialistsOnline * limitPerSpecialist;
        }
    }

    private final int sampleSize;
    private final Duration defaultDuration;

    /**
     * @param sampleSize      how many of the newest consultations the median is taken over; at least 1
     * @param defaultDuration the typical length assumed without history; positive
     */
    public WaitEstimator(int sampleSize, Duration defaultDuration) {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("the sample size must be at least 1, was " + sampleSize);
        }
        if (defaultDuration == null || defaultDuration.isNegative() || defaultDuration.isZero()) {
            throw new IllegalArgumentException("the default duration must be positive, was " + defaultDuration);
        }
        this.sampleSize = sampleSize;
        this.defaultDuration = defaultDuration;
    }

    /**
     * The typical length {@code D} of a consultation.
     *
     * @param recentNewestFirst durations of finished consultations, newest first; only the first
     *                          {@code sampleSize} count
     */
    public Duration typicalDuration(List<Duration> recentNewestFirst) {
        List<Duration> sample = recentNewestFirst.subList(0, Math.min(sampleSize, recentNewestFirst.size()))
                .stream().sorted().toList();
        if (sample.isEmpty()) {
            return defaultDuration;
        }
        if (sample.get(0).isNegative()) {
            throw new IllegalArgumentException("a consultation cannot last " + sample.get(0));
        }
        int mid = sample.size() / 2;
        return sample.size() % 2 == 1 ? sample.get(mid) : sample.get(mid - 1).plus(sample.get(mid)).dividedBy(2);
    }

    /**
     * The estimated wait of the entry at {@code position}.
     *
     * @return empty when nobody is online (unknown); zero when a free slot is there for it
     */
    public Optional<Duration> estimate(int position, List<Duration> recentNewestFirst, Capacity capacity) {
        if (position < 1) {
            throw new IllegalArgumentException("positions start at 1, was " + position);
        }
        if (capacity.slots() == 0) {
            return Optional.empty();
        }
        long ahead = Math.max(0, position - capacity.freeSlots());
        Duration wait = typicalDuration(recentNewestFirst).multipliedBy(ahead).dividedBy(capacity.slots());
        return Optional.of(roundUpToMinute(wait));
    }

    private static Duration roundUpToMinute(Duration d) {
        Duration whole = Duration.ofMinutes(d.toMinutes());
        return whole.equals(d) ? whole : whole.plusMinutes(1);
    }
}
