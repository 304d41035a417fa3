package ua.itdesk.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A sample of latencies summarised as the report gives them: nearest-rank percentiles and the maximum, in
 * milliseconds.
 */
record Latencies(int count, double p50, double p90, double p99, double max) {

    static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Latencies ofNanos(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return NONE;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Latencies(sorted.length, millis(rank(sorted, 50)), millis(rank(sorted, 90)),
                millis(rank(sorted, 99)), millis(sorted[sorted.length - 1]));
    }

    /** Nearest rank: the smallest value with at least {@code percent}% of the sample at or below it. */
    static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
