package ua.itdesk.bot.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.consultation.OfferRotation.Exclusions;

class OfferRotationTest {

    private static final List<String> RANKING = List.of("s-anna", "s-bohdan", "s-vira", "s-dmytro");
    private static final Exclusions NONE = new Exclusions("e-olena", Set.of(), Set.of(), Set.of());

    @Test
    void theBestRankedSpecialistGetsTheFirstOffer() {
        assertThat(OfferRotation.next(RANKING, NONE)).contains("s-anna");
    }

    @Test
    void thoseWhoDeclinedOrLetTheOfferLapseAreSkipped() {
        Exclusions passed = new Exclusions("e-olena", Set.of("s-anna", "s-bohdan"), Set.of(), Set.of());

        assertThat(OfferRotation.next(RANKING, passed)).contains("s-vira");
    }

    @Test
    void thoseAtTheirLimitAreSkipped() {
        assertThat(OfferRotation.next(RANKING, new Exclusions("e-olena", Set.of(), Set.of("s-anna"), Set.of())))
                .contains("s-bohdan");
    }

    @Test
    void thoseOfflineAreSkippedEvenIfStillRanked() {
        assertThat(OfferRotation.next(RANKING, new Exclusions("e-olena", Set.of(), Set.of(), Set.of("s-anna"))))
                .contains("s-bohdan");
    }

    @Test
    void aSpecialistIsNeverOfferedTheirOwnRequest() {
        assertThat(OfferRotation.next(RANKING, new Exclusions("s-anna", Set.of(), Set.of(), Set.of())))
                .contains("s-bohdan");
    }

    @Test
    void theReasonsCombine() {
        Exclusions all = new Exclusions("s-anna", Set.of("s-bohdan"), Set.of("s-vira"), Set.of());

        assertThat(OfferRotation.next(RANKING, all)).contains("s-dmytro");
    }

    @Test
    void nobodyLeftMeansNoCandidate() {
        Exclusions all = new Exclusions("e-olena", Set.of("s-anna"), Set.of("s-bohdan", "s-vira"),
                Set.of("s-dmytro"));

        assertThat(OfferRotation.next(RANKING, all)).isEmpty();
        assertThat(OfferRotation.next(List.of(), NONE)).isEmpty();
    }

    @Test
    void theExclusionsAreACopyThatLaterChangesDoNotReach() {
        java.util.Set<String> declined = new java.util.HashSet<>();
        Exclusions exclusions = new Exclusions("e-olena", declined, Set.of(), Set.of());
        declined.add("s-anna");

        assertThat(OfferRotation.next(RANKING, exclusions)).contains("s-anna");
    }
}
