package ua.itdesk.agent.assignment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the specialist for a new request (T3) and ranks specialists for an online consultation (C1): a pure
 * function of its inputs, with no clock, no Jira and no framework.
 *
 * <p>For each candidate {@code i}, with {@code a} the active requests, {@code t} the time since the last
 * resolution (never, or longer than {@code idleCap}, counts as {@code idleCap}) and {@code r} the requests resolved
 * in the current period, each measure is scaled to [0, 1] over the candidates (min-max), oriented so that 1 is the
 * most available:
 *
 * <pre>
 *   A(i) = (max a - a(i)) / (max a - min a)
 *   T(i) = (t(i) - min t) / (max t - min t)
 *   R(i) = (max r - r(i)) / (max r - min r)
 *   score(i) = wA * A(i) + wT * T(i) + wR * R(i)
 * </pre>
 *
 * A measure that is the same for every candidate separates nobody and scales to 1 for all. The highest score wins.
 *
 * <p>Ties (scores equal to 1e-9) are broken, in this order, by: fewer active requests; longer since the last
 * resolution (never resolved first); fewer resolved in the period; the specialist id, as a plain string
 * ({@link String#compareTo}). The order is therefore total and the same for the same input, whatever the order of
 * the input.
 */
public final class AssignmentScorer {

    /** Scores are compared at this resolution, so that sums equal on paper are equal in the comparison too. */
    private static final double SCORE_RESOLUTION = 1e9;

    /** "Never resolved" in the tie-break: longer than any time since a resolution. */
    private static final Duration NEVER = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    private static final Comparator<Candidate> TIE_BREAK = Comparator
            .comparingInt(Candidate::activeRequests)
            .thenComparing(AssignmentScorer::idleForTieBreak, Comparator.reverseOrder())
            .thenComparingInt(Candidate::resolvedInPeriod)
            .thenComparing(Candidate::specialistId);

    private final AssignmentWeights weights;
    private final Duration idleCap;

    /**
     * @param weights the weights of the three measures
     * @param idleCap the longest idle time that still counts as longer; "never resolved" counts as this much. Use
     *     the look-back the metrics were read over, beyond which a resolution is not seen at all.
     */
    public AssignmentScorer(AssignmentWeights weights, Duration idleCap) {
        this.weights = Objects.requireNonNull(weights, "weights");
        if (idleCap == null || idleCap.isNegative() || idleCap.isZero()) {
            throw new IllegalArgumentException("idle cap must be positive");
        }
        this.idleCap = idleCap;
    }

    public AssignmentWeights weights() {
        return weights;
    }

    public Duration idleCap() {
        return idleCap;
    }

    /** The best candidate; empty when there is none (nobody available: the request stays in the queue). */
    public Optional<ScoredCandidate> best(Collection<Candidate> available) {
        List<ScoredCandidate> ranked = rank(available);
        return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
    }

    /**
     * Every candidate, best first, ranked 1, 2, ...: the next one is whom to offer a consultation after a decline or
     * no answer (C1).
     *
     * @throws IllegalArgumentException when the collection is null, holds null, or names a specialist twice
     */
    public List<ScoredCandidate> rank(Collection<Candidate> available) {
        if (available == null) {
            throw new IllegalArgumentException("candidates are required (empty when nobody is available)");
        }
        if (available.isEmpty()) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (Candidate c : available) {
            if (c == null) {
                throw new IllegalArgumentException("null candidate");
            }
            if (!seen.add(c.specialistId())) {
                throw new IllegalArgumentException("specialist listed twice: " + c.specialistId());
            }
        }
        Range active = Range.of(available.stream().mapToDouble(Candidate::activeRequests).toArray());
        Range idle = Range.of(available.stream().mapToDouble(this::cappedIdleSeconds).toArray());
        Range resolved = Range.of(available.stream().mapToDouble(Candidate::resolvedInPeriod).toArray());

        List<Unranked> scored = new ArrayList<>(available.size());
        for (Candidate c : available) {
            double a = weights.active() * active.fromTop(c.activeRequests());
            double t = weights.idle() * idle.fromBottom(cappedIdleSeconds(c));
            double r = weights.resolved() * resolved.fromTop(c.resolvedInPeriod());
            scored.add(new Unranked(c, a + t + r, a, t, r));
        }
        scored.sort(Comparator.comparingLong(Unranked::comparable).reversed()
                .thenComparing(Unranked::candidate, TIE_BREAK));
        List<ScoredCandidate> ranked = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            Unranked u = scored.get(i);
            ranked.add(new ScoredCandidate(u.candidate(), i + 1, u.score(), u.activeTerm(), u.idleTerm(),
                    u.resolvedTerm()));
        }
        return List.copyOf(ranked);
    }

    private double cappedIdleSeconds(Candidate c) {
        Duration since = c.sinceLastResolution();
        Duration capped = since == null || since.compareTo(idleCap) > 0 ? idleCap : since;
        return capped.getSeconds() + capped.getNano() / 1e9;
    }

    /** Never resolved is the longest idle of all. */
    private static Duration idleForTieBreak(Candidate c) {
        Duration since = c.sinceLastResolution();
        return since == null ? NEVER : since;
    }

    private record Unranked(Candidate candidate, double score, double activeTerm, double idleTerm,
            double resolvedTerm) {

        long comparable() {
            return Math.round(score * SCORE_RESOLUTION);
        }
    }

    /** Min-max scaling over the candidates; a measure equal for everyone scales to 1. */
    private record Range(double min, double max) {

        static Range of(double[] values) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return new Range(min, max);
        }

        /** 1 for the smallest value, 0 for the largest. */
        double fromTop(double value) {
            return max == min ? 1 : (max - value) / (max - min);
        }

        /** 1 for the largest value, 0 for the smallest. */
        double fromBottom(double value) {
            return max == min ? 1 : (value - min) / (max - min);
        }
    }
}
