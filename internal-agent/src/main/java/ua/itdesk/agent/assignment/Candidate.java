package ua.itdesk.agent.assignment;

import java.time.Duration;
import java.util.Optional;

/**
 * One available specialist and the three measures of T3. Offline specialists are never candidates: the caller leaves
 * them out before scoring.
 *
 * @param specialistId the specialist's Jira account reference (user name on Data Center, accountId on Cloud); it is
 *     also the last tie-break, compared as a plain string
 * @param activeRequests requests assigned to them in an active status (new, in progress, waiting for customer)
 * @param sinceLastResolution time since they last resolved a request; {@code null} when never (or not within the
 *     look-back the metrics were read over)
 * @param resolvedInPeriod requests they resolved since the start of the current period (week or month)
 */
public record Candidate(String specialistId, int activeRequests, Duration sinceLastResolution, int resolvedInPeriod) {

    public Candidate {
        if (specialistId == null || specialistId.isBlank()) {
            throw new IllegalArgumentException("specialist id is required");
        }
        if (activeRequests < 0) {
            throw new IllegalArgumentException("active requests must not be negative: " + activeRequests);
        }
        if (resolvedInPeriod < 0) {
            throw new IllegalArgumentException("resolved in period must not be negative: " + resolvedInPeriod);
        }
        if (sinceLastResolution != null && sinceLastResolution.isNegative()) {
            throw new IllegalArgumentException("time since last resolution must not be negative");
        }
    }

    /** A specialist who has never resolved a request (or not within the look-back). */
    public static Candidate neverResolved(String specialistId, int activeRequests, int resolvedInPeriod) {
        return new Candidate(specialistId, activeRequests, null, resolvedInPeriod);
    }

    /** Time since the last resolution; empty when never. */
    public Optional<Duration> lastResolutionAge() {
        return Optional.ofNullable(sinceLastResolution);
    }
}
