package ua.itdesk.agent.assignment;

import java.time.Instant;
import java.util.List;

/**
 * The measures of a set of specialists as read from Jira at one moment, ready for {@link AssignmentScorer}.
 *
 * @param measuredAt when the queries ran (ages are relative to it; a cached value is this old)
 * @param periodStart start of the current period, from which "resolved in the period" counts
 * @param candidates one per requested specialist, ordered by id
 * @param complete false when a query hit {@code agent.assignment.max-pages}: counts are then lower bounds
 */
public record Workloads(Instant measuredAt, Instant periodStart, List<Candidate> candidates, boolean complete) {

    public Workloads {
        if (measuredAt == null || periodStart == null) {
            throw new IllegalArgumentException("measuredAt and periodStart are required");
        }
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
