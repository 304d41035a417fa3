package ua.itdesk.agent.assignment;

/**
 * A candidate with its integral score (higher is better) and the part each measure contributed, for logs and the
 * audit trail ("why them").
 *
 * @param rank 1 for the best candidate
 * @param score {@code activeTerm + idleTerm + resolvedTerm}, between 0 and the sum of the weights
 */
public record ScoredCandidate(Candidate candidate, int rank, double score, double activeTerm, double idleTerm,
        double resolvedTerm) {

    public ScoredCandidate {
        if (candidate == null) {
            throw new IllegalArgumentException("candidate is required");
        }
        if (rank < 1) {
            throw new IllegalArgumentException("rank starts at 1: " + rank);
        }
        if (!Double.isFinite(score) || score < 0) {
            throw new IllegalArgumentException("score must be finite and not negative: " + score);
        }
    }

    /** Shorthand for {@code candidate().specialistId()}. */
    public String specialistId() {
        return candidate.specialistId();
    }
}
