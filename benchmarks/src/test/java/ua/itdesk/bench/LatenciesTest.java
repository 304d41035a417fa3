package ua.itdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        List<Long> nanos = LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000).boxed().toList();
        Latencies l = Latencies.ofNanos(nanos);
        assertThat(l.count()).isEqualTo(100);
        assertThat(l.p50()).isEqualTo(50.0);
        assertThat(l.p90()).isEqualTo(90.0);
        assertThat(l.p99()).isEqualTo(99.0);
        assertThat(l.max()).isEqualTo(100.0);
    }

    @Test
    void aSmallSampleTakesItsLargestValueForTheHighPercentiles() {
        Latencies l = Latencies.ofNanos(List.of(3_000_000L, 1_000_000L, 2_000_000L));
        assertThat(l.p50()).isEqualTo(2.0);
        assertThat(l.p99()).isEqualTo(3.0);
    }

    @Test
    void anEmptySampleHasNoFigures() {
        assertThat(Latencies.ofNanos(List.of())).isEqualTo(Latencies.NONE);
    }
}
