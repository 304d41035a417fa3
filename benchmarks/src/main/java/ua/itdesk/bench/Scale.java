package ua.itdesk.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much load each workload plays. {@link #full()} is what docs/performance.md reports; {@link #smoke()} only
 * proves, in seconds, that every workload still runs and the report comes out complete.
 *
 * @param name            {@code full} or {@code smoke}
 * @param employees       how many employees take part (at most those who can log in), generated ones first
 * @param listViews       "my requests" views per employee in the PERF4 mix
 * @param creators        how many employees file one request each in the PERF4 mix
 * @param events          PERF2: Jira events played
 * @param eventsPerSecond PERF2: their pace
 * @param relayRates      PERF1: relayed messages per second in total, one run per rate
 * @param relayFor        PERF1: how long each rate is played
 * @param burst           PERF3: notifications in the burst
 * @param separateStages  whether the production-limits, cache-off workloads (PERF3, PERF4 off) get their own start
 * @param pastRequests    M1: finished requests the Jira stand-in seeds over the last weeks, for the statistics
 * @param crowd           generated employees, each with an open request, who join the seed's
 *                        ({@code SeedPeople.CROWD_PROPERTY}); 27 make the 50 concurrent consultations of PERF1 with
 *                        the 23 seeded employees who have an open request
 */
record Scale(String name, int employees, int listViews, int creators, int events, int eventsPerSecond,
             List<Integer> relayRates, Duration relayFor, int burst, boolean separateStages, int pastRequests, int crowd) {

    static Scale full() {
        return new Scale("full", Integer.MAX_VALUE, 6, Integer.MAX_VALUE, 1000, 20, List.of(50, 200),
                Duration.ofSeconds(20), 1000, true, 10_000, 27);
    }

    static Scale smoke() {
        return new Scale("smoke", 3, 2, 1, 5, 5, List.of(4), Duration.ofSeconds(2), 5, false, 100, 2);
    }

    static Scale named(String name) {
        return switch (name) {
            case "full" -> full();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("bench.scale is full or smoke, not " + name);
        };
    }
}
