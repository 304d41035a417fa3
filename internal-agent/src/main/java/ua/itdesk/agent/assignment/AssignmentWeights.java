package ua.itdesk.agent.assignment;

/**
 * How much each measure counts in the integral score. Each measure is first scaled to [0, 1] over the candidates
 * (see {@link AssignmentScorer}), so a weight is the most that measure can add to a score: with the defaults
 * {@code 1.0 / 0.5 / 0.3}, a difference in current load outweighs the two others together between two people.
 *
 * @param active weight of "fewer active requests"
 * @param idle weight of "longer since the last resolution"
 * @param resolved weight of "fewer requests resolved in the current period"
 */
public record AssignmentWeights(double active, double idle, double resolved) {

    /** The defaults of {@code agent.assignment.weight-*}. */
    public static final AssignmentWeights DEFAULTS = new AssignmentWeights(1.0, 0.5, 0.3);

    /** Largest weight accepted; larger values mean nothing more after scaling and only risk overflow. */
    public static final double MAX = 1_000_000;

    public AssignmentWeights {
        check(active, "active");
        check(idle, "idle");
        check(resolved, "resolved");
        if (active + idle + resolved == 0) {
            throw new IllegalArgumentException("at least one assignment weight must be positive");
        }
    }

    private static void check(double weight, String name) {
        if (!Double.isFinite(weight) || weight < 0 || weight > MAX) {
            throw new IllegalArgumentException("weight " + name + " must be between 0 and " + MAX + ": " + weight);
        }
    }
}
