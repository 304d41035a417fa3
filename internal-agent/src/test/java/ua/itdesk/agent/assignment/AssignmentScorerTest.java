package ua.itdesk.agent.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AssignmentScorerTest {

    private static final Duration CAP = Duration.ofDays(30);
    private final AssignmentScorer scorer = new AssignmentScorer(AssignmentWeights.DEFAULTS, CAP);

    private static Candidate c(String id, int active, Duration since, int resolved) {
        return new Candidate(id, active, since, resolved);
    }

    private static List<String> order(List<ScoredCandidate> ranked) {
        return ranked.stream().map(ScoredCandidate::specialistId).toList();
    }

    @Nested
    class EachMeasureAlone {

        @Test
        void fewerActiveRequestsWins() {
            var ranked = scorer.rank(List.of(c("a", 5, Duration.ofHours(1), 3), c("b", 2, Duration.ofHours(1), 3),
                    c("c", 9, Duration.ofHours(1), 3)));
            assertThat(order(ranked)).containsExactly("b", "a", "c");
        }

        @Test
        void longerSinceTheLastResolutionWins() {
            var ranked = scorer.rank(List.of(c("a", 2, Duration.ofMinutes(5), 3), c("b", 2, Duration.ofHours(6), 3),
                    c("c", 2, Duration.ofHours(1), 3)));
            assertThat(order(ranked)).containsExactly("b", "c", "a");
        }

        @Test
        void fewerResolvedInThePeriodWins() {
            var ranked = scorer.rank(List.of(c("a", 2, Duration.ofHours(1), 12), c("b", 2, Duration.ofHours(1), 4),
                    c("c", 2, Duration.ofHours(1), 7)));
            assertThat(order(ranked)).containsExactly("b", "c", "a");
        }

        @Test
        void aMeasureEqualForEveryoneAddsItsFullWeightToAll() {
            var ranked = scorer.rank(List.of(c("a", 1, Duration.ofHours(1), 3), c("b", 2, Duration.ofHours(1), 3)));
            assertThat(ranked.get(0).idleTerm()).isEqualTo(0.5);
            assertThat(ranked.get(1).idleTerm()).isEqualTo(0.5);
            assertThat(ranked.get(0).score()).isEqualTo(1.0 + 0.5 + 0.3);
            assertThat(ranked.get(1).score()).isEqualTo(0.0 + 0.5 + 0.3);
        }

        @Test
        void termsAreMinMaxScaledAndWeighted() {
            var ranked = scorer.rank(List.of(c("a", 0, Duration.ofHours(10), 0), c("b", 4, Duration.ofHours(0), 10),
                    c("c", 1, Duration.ofHours(5), 5)));
            ScoredCandidate middle = ranked.stream().filter(s -> s.specialistId().equals("c")).findFirst().orElseThrow();
            assertThat(middle.activeTerm()).isEqualTo(1.0 * 3 / 4);
            assertThat(middle.idleTerm()).isEqualTo(0.5 * 0.5);
            assertThat(middle.resolvedTerm()).isEqualTo(0.3 * 0.5);
            assertThat(middle.score()).isEqualTo(0.75 + 0.25 + 0.15);
            assertThat(order(ranked)).containsExactly("a", "c", "b");
        }
    }

    @Nested
    class Weights {

        // a: least loaded but just resolved something and busy this week; b: one more active, idle and quiet
        private final List<Candidate> trade = List.of(c("a", 3, Duration.ofMinutes(1), 20),
                c("b", 4, Duration.ofDays(2), 2));

        @Test
        void withTheDefaultsCurrentLoadDecidesBetweenTwo() {
            // 1.0 for a against 0.5 + 0.3 for b
            assertThat(scorer.best(trade)).map(ScoredCandidate::specialistId).hasValue("a");
        }

        @Test
        void withMoreCandidatesTheOtherMeasuresCanOutweighASmallLoadDifference() {
            var three = new ArrayList<>(trade);
            three.add(c("c", 8, Duration.ofHours(12), 10));
            // a: 1.0 + 0 + 0; b: 0.8 + 0.5 + 0.3
            assertThat(scorer.best(three)).map(ScoredCandidate::specialistId).hasValue("b");
        }

        @Test
        void raisingTheIdleWeightChangesTheWinner() {
            var idleFirst = new AssignmentScorer(new AssignmentWeights(1.0, 2.0, 0.3), CAP);
            assertThat(idleFirst.best(trade)).map(ScoredCandidate::specialistId).hasValue("b");
        }

        @Test
        void raisingTheResolvedWeightChangesTheWinner() {
            var balanceFirst = new AssignmentScorer(new AssignmentWeights(1.0, 0.0, 1.5), CAP);
            assertThat(balanceFirst.best(trade)).map(ScoredCandidate::specialistId).hasValue("b");
        }

        @Test
        void aZeroWeightIgnoresItsMeasure() {
            var loadOnly = new AssignmentScorer(new AssignmentWeights(1.0, 0, 0), CAP);
            var ranked = loadOnly.rank(trade);
            assertThat(order(ranked)).containsExactly("a", "b");
            assertThat(ranked).allSatisfy(s -> {
                assertThat(s.idleTerm()).isZero();
                assertThat(s.resolvedTerm()).isZero();
            });
        }

        @Test
        void weightsAreValidated() {
            assertThatThrownBy(() -> new AssignmentWeights(-1, 0.5, 0.3)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AssignmentWeights(Double.NaN, 0.5, 0.3))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AssignmentWeights(1, Double.POSITIVE_INFINITY, 0.3))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AssignmentWeights(0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one");
            assertThatThrownBy(() -> new AssignmentScorer(AssignmentWeights.DEFAULTS, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AssignmentScorer(null, CAP)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Ties {

        @Test
        void identicalMeasuresFallBackToTheSpecialistId() {
            var ranked = scorer.rank(List.of(c("m.petrenko", 2, Duration.ofHours(1), 3),
                    c("a.bondar", 2, Duration.ofHours(1), 3), c("z.koval", 2, Duration.ofHours(1), 3)));
            assertThat(order(ranked)).containsExactly("a.bondar", "m.petrenko", "z.koval");
            assertThat(ranked).extracting(ScoredCandidate::rank).containsExactly(1, 2, 3);
            assertThat(ranked).extracting(ScoredCandidate::score).containsOnly(1.8);
        }

        @Test
        void equalScoresPreferFewerActiveRequests() {
            // weights 0.5/0.5/0: a wins on load, b on idle time, the same score (0.5 each)
            var even = new AssignmentScorer(new AssignmentWeights(0.5, 0.5, 0), CAP);
            var ranked = even.rank(List.of(c("b", 3, Duration.ofHours(4), 0), c("a", 1, Duration.ofHours(1), 0)));
            assertThat(ranked.get(0).score()).isEqualTo(ranked.get(1).score());
            assertThat(order(ranked)).containsExactly("a", "b");
        }

        @Test
        void thenLongerSinceTheLastResolutionWithNeverFirst() {
            // idle weight 0: scores equal although idle times differ; the tie-break still looks at them
            var noIdle = new AssignmentScorer(new AssignmentWeights(1, 0, 0.3), CAP);
            var ranked = noIdle.rank(List.of(c("a", 1, Duration.ofHours(1), 3), c("b", 1, Duration.ofDays(3), 3),
                    Candidate.neverResolved("c", 1, 3)));
            assertThat(order(ranked)).containsExactly("c", "b", "a");
        }

        @Test
        void thenFewerResolvedInThePeriod() {
            var loadOnly = new AssignmentScorer(new AssignmentWeights(1, 0, 0), CAP);
            var ranked = loadOnly.rank(List.of(c("a", 1, Duration.ofHours(1), 9), c("b", 1, Duration.ofHours(1), 2)));
            assertThat(order(ranked)).containsExactly("b", "a");
        }

        @Test
        void sumsEqualOnPaperAreEqual() {
            // 0.1 + 0.2 != 0.3 in doubles; the comparison must still see a tie and use the tie-break
            var tenths = new AssignmentScorer(new AssignmentWeights(0.3, 0.1, 0.2), CAP);
            var ranked = tenths.rank(List.of(c("b", 0, Duration.ZERO, 5), c("a", 1, Duration.ofHours(1), 0)));
            assertThat(ranked.get(0).score()).isCloseTo(ranked.get(1).score(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(order(ranked)).containsExactly("b", "a");
        }

        @Test
        void theInputOrderDoesNotMatter() {
            List<Candidate> input = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                input.add(c("s" + i, i % 4, i % 3 == 0 ? null : Duration.ofHours(i % 5), i % 6));
            }
            List<String> expected = order(scorer.rank(input));
            Random random = new Random(7);
            for (int round = 0; round < 20; round++) {
                Collections.shuffle(input, random);
                assertThat(order(scorer.rank(input))).isEqualTo(expected);
            }
        }
    }

    @Nested
    class Edges {

        @Test
        void nobodyAvailableIsEmpty() {
            assertThat(scorer.best(List.of())).isEmpty();
            assertThat(scorer.rank(List.of())).isEmpty();
        }

        @Test
        void oneCandidateWinsWithTheFullScore() {
            var best = scorer.best(List.of(c("only", 50, Duration.ofSeconds(1), 100))).orElseThrow();
            assertThat(best.specialistId()).isEqualTo("only");
            assertThat(best.rank()).isEqualTo(1);
            assertThat(best.score()).isEqualTo(1.8);
        }

        @Test
        void noHistoryAtAllIsTheLongestIdleAndTheFewestResolved() {
            var ranked = scorer.rank(List.of(c("veteran", 1, Duration.ofHours(2), 9), Candidate.neverResolved("new", 1, 0)));
            assertThat(order(ranked)).containsExactly("new", "veteran");
            assertThat(ranked.get(0).idleTerm()).isEqualTo(0.5);
        }

        @Test
        void neverAndBeyondTheCapCountTheSame() {
            var ranked = scorer.rank(List.of(c("old", 1, Duration.ofDays(400), 0), Candidate.neverResolved("never", 1, 0),
                    c("recent", 1, Duration.ofDays(1), 0)));
            assertThat(ranked.get(0).score()).isEqualTo(ranked.get(1).score());
            assertThat(order(ranked)).containsExactly("never", "old", "recent");
        }

        @Test
        void hugeNumbersStayFinite() {
            var ranked = scorer.rank(List.of(c("a", Integer.MAX_VALUE, Duration.ofSeconds(Long.MAX_VALUE), Integer.MAX_VALUE),
                    c("b", 0, Duration.ZERO, 0), c("c", Integer.MAX_VALUE - 1, Duration.ofDays(365 * 1000), 1)));
            assertThat(ranked).allSatisfy(s -> assertThat(Double.isFinite(s.score())).isTrue());
            assertThat(ranked.get(0).specialistId()).isEqualTo("b");
            var heavy = new AssignmentScorer(new AssignmentWeights(AssignmentWeights.MAX, AssignmentWeights.MAX,
                    AssignmentWeights.MAX), Duration.ofSeconds(Long.MAX_VALUE));
            assertThat(heavy.rank(List.of(c("a", 1, Duration.ofSeconds(Long.MAX_VALUE), 1), c("b", 0, Duration.ZERO, 0))))
                    .allSatisfy(s -> assertThat(Double.isFinite(s.score())).isTrue());
        }

        @Test
        void badInputIsRefused() {
            assertThatThrownBy(() -> scorer.rank(null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> scorer.rank(List.of(c("a", 1, null, 0), c("a", 2, null, 0))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
            assertThatThrownBy(() -> c(" ", 0, null, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> c("a", -1, null, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> c("a", 0, null, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> c("a", 0, Duration.ofSeconds(-1), 0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theRankingIsTheOrderForConsultationOffers() {
            var ranked = scorer.rank(List.of(c("a", 0, null, 0), c("b", 1, null, 0), c("c", 2, null, 0)));
            // C1: after "a" declines, the caller offers the next in this list
            assertThat(order(ranked)).containsExactly("a", "b", "c");
            assertThat(ranked).isUnmodifiable();
        }
    }
}
