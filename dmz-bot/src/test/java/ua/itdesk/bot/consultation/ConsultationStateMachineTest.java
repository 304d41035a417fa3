package ua.itdesk.bot.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static ua.itdesk.bot.consultation.ConsultationState.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import ua.itdesk.bot.consultation.ConsultationStateMachine.Transition;

class ConsultationStateMachineTest {

    private static final Set<ConsultationEvent> SYSTEM_EVENTS = EnumSet.of(ConsultationEvent.NOBODY_FREE,
            ConsultationEvent.OFFER_SENT, ConsultationEvent.OFFER_TIMED_OUT, ConsultationEvent.REQUEST_CLOSED,
            ConsultationEvent.IDLE_TIMEOUT);

    static Stream<Arguments> everyPair() {
        return Arrays.stream(ConsultationState.values())
                .flatMap(s -> Arrays.stream(ConsultationEvent.values()).map(e -> Arguments.of(s, e)));
    }

    private static Transition on(ConsultationState state, ConsultationEvent event) {
        return ConsultationStateMachine.on(state, event);
    }

    @Test
    void aNewConsultationEntersTheQueueAndIsDispatchedAtOnce() {
        assertThat(ConsultationStateMachine.begin()).isEqualTo(new Transition(QUEUED, ConsultationAction.DISPATCH));
    }

    @Test
    void nobodyFreeKeepsItQueuedAndTellsThePosition() {
        assertThat(on(QUEUED, ConsultationEvent.NOBODY_FREE))
                .isEqualTo(new Transition(QUEUED, ConsultationAction.TELL_POSITION));
    }

    @Test
    void anOfferToASpecialistWaitsForTheirAnswer() {
        assertThat(on(QUEUED, ConsultationEvent.OFFER_SENT))
                .isEqualTo(new Transition(OFFERED, ConsultationAction.AWAIT_ANSWER));
    }

    @Test
    void acceptingTheOfferOpensTheChat() {
        assertThat(on(OFFERED, ConsultationEvent.ACCEPTED))
                .isEqualTo(new Transition(ACTIVE, ConsultationAction.START_CHAT));
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationEvent.class, names = {"DECLINED", "OFFER_TIMED_OUT"})
    void aDeclineOrNoAnswerPutsItBackInTheQueueForTheNextCandidate(ConsultationEvent event) {
        assertThat(on(OFFERED, event)).isEqualTo(new Transition(QUEUED, ConsultationAction.OFFER_NEXT));
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationState.class, names = {"QUEUED", "OFFERED"})
    void leavingTheQueueCancelsWhileWaitingOrOffered(ConsultationState state) {
        assertThat(on(state, ConsultationEvent.LEFT_QUEUE))
                .isEqualTo(new Transition(CANCELLED, ConsultationAction.LEAVE_QUEUE));
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationState.class, names = {"QUEUED", "OFFERED"})
    void aRequestResolvedBeforeTheChatBeganCancelsTheConsultation(ConsultationState state) {
        assertThat(on(state, ConsultationEvent.REQUEST_CLOSED))
                .isEqualTo(new Transition(CANCELLED, ConsultationAction.CANCEL_FOR_CLOSED_REQUEST));
    }

    @Test
    void aRequestResolvedDuringTheChatLeavesTheChatOpen() {
        assertThat(on(ACTIVE, ConsultationEvent.REQUEST_CLOSED))
                .isEqualTo(new Transition(ACTIVE, ConsultationAction.IGNORE));
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationEvent.class, names = {"ENDED_BY_EMPLOYEE", "ENDED_BY_SPECIALIST",
        "IDLE_TIMEOUT"})
    void eitherSideOrTheIdleTimerEndsTheChat(ConsultationEvent event) {
        assertThat(on(ACTIVE, event)).isEqualTo(new Transition(ENDED, ConsultationAction.END_CHAT));
    }

    @Test
    void aRatingIsStoredOnceTheChatEnded() {
        assertThat(on(ENDED, ConsultationEvent.RATED))
                .isEqualTo(new Transition(RATED, ConsultationAction.STORE_RATING));
    }

    @Test
    void skippingTheRatingClosesTheConsultationUnrated() {
        assertThat(on(ENDED, ConsultationEvent.RATING_SKIPPED))
                .isEqualTo(new Transition(UNRATED, ConsultationAction.CLOSE_UNRATED));
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationState.class, names = {"QUEUED", "OFFERED"})
    void askingAgainWhileWaitingShowsTheWaitWithoutQueueingTwice(ConsultationState state) {
        assertThat(on(state, ConsultationEvent.REQUESTED)).isEqualTo(new Transition(state,
                ConsultationAction.SHOW_WAIT));
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationEvent.class, names = {"REQUESTED", "LEFT_QUEUE"})
    void askingOrLeavingDuringTheChatSaysTheChatIsOpen(ConsultationEvent event) {
        assertThat(on(ACTIVE, event)).isEqualTo(new Transition(ACTIVE, ConsultationAction.ALREADY_IN_CHAT));
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationState.class, names = {"ENDED", "RATED", "UNRATED", "CANCELLED"})
    void askingAfterTheConsultationIsOverStartsAnotherAndLeavesThisOneAsItIs(ConsultationState state) {
        assertThat(on(state, ConsultationEvent.REQUESTED)).isEqualTo(new Transition(state,
                ConsultationAction.START_ANOTHER));
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationState.class, names = "OFFERED", mode = EnumSource.Mode.EXCLUDE)
    void anAnswerToAnOfferThatIsNoLongerOpenIsToldSoAndChangesNothing(ConsultationState state) {
        for (ConsultationEvent answer : EnumSet.of(ConsultationEvent.ACCEPTED, ConsultationEvent.DECLINED)) {
            assertThat(on(state, answer)).isEqualTo(new Transition(state, ConsultationAction.OFFER_NO_LONGER_OPEN));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationState.class, names = {"ENDED", "RATED", "UNRATED", "CANCELLED"})
    void leavingTheQueueWhenNotInItIsToldSo(ConsultationState state) {
        assertThat(on(state, ConsultationEvent.LEFT_QUEUE)).isEqualTo(new Transition(state,
                ConsultationAction.NOT_IN_QUEUE));
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationState.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void endingWhenNoChatIsOpenIsToldSo(ConsultationState state) {
        for (ConsultationEvent end : EnumSet.of(ConsultationEvent.ENDED_BY_EMPLOYEE,
                ConsultationEvent.ENDED_BY_SPECIALIST)) {
            assertThat(on(state, end)).isEqualTo(new Transition(state, ConsultationAction.NO_CHAT_OPEN));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationState.class, names = {"QUEUED", "OFFERED", "ACTIVE", "CANCELLED"})
    void ratingBeforeTheChatEndedOrWithoutAChatFindsNothingToRate(ConsultationState state) {
        assertThat(on(state, ConsultationEvent.RATED)).isEqualTo(new Transition(state,
                ConsultationAction.NOTHING_TO_RATE));
        assertThat(on(state, ConsultationEvent.RATING_SKIPPED)).isEqualTo(new Transition(state,
                ConsultationAction.NOTHING_TO_RATE));
    }

    @ParameterizedTest
    @EnumSource(value = ConsultationState.class, names = {"RATED", "UNRATED"})
    void aSecondRatingIsRefusedAndTheFirstStands(ConsultationState state) {
        assertThat(on(state, ConsultationEvent.RATED)).isEqualTo(new Transition(state,
                ConsultationAction.ALREADY_RATED));
        assertThat(on(state, ConsultationEvent.RATING_SKIPPED)).isEqualTo(new Transition(state,
                ConsultationAction.ALREADY_RATED));
    }

    @Test
    void aLateTimerOrASecondInstancesDispatchIsIgnoredWithoutChangingTheState() {
        // OFFER_TIMED_OUT after the accept, a dispatch result for an offer already out, an idle timer after /end
        assertThat(on(ACTIVE, ConsultationEvent.OFFER_TIMED_OUT)).isEqualTo(new Transition(ACTIVE,
                ConsultationAction.IGNORE));
        assertThat(on(OFFERED, ConsultationEvent.OFFER_SENT)).isEqualTo(new Transition(OFFERED,
                ConsultationAction.IGNORE));
        assertThat(on(OFFERED, ConsultationEvent.NOBODY_FREE)).isEqualTo(new Transition(OFFERED,
                ConsultationAction.IGNORE));
        assertThat(on(ENDED, ConsultationEvent.IDLE_TIMEOUT)).isEqualTo(new Transition(ENDED,
                ConsultationAction.IGNORE));
        assertThat(on(QUEUED, ConsultationEvent.OFFER_TIMED_OUT)).isEqualTo(new Transition(QUEUED,
                ConsultationAction.IGNORE));
    }

    @ParameterizedTest
    @MethodSource("everyPair")
    void everyPairIsAnsweredWithoutAnExceptionAndOnlySystemEventsAreIgnored(ConsultationState state,
                                                                            ConsultationEvent event) {
        assertThatCode(() -> on(state, event)).doesNotThrowAnyException();
        Transition t = on(state, event);

        assertThat(t.action()).isNotNull();
        if (t.action() == ConsultationAction.IGNORE) {
            assertThat(SYSTEM_EVENTS).contains(event);
            assertThat(t.next()).isEqualTo(state);
        }
    }

    @ParameterizedTest
    @MethodSource("everyPair")
    void finalStatesStayFinal(ConsultationState state, ConsultationEvent event) {
        if (state.isFinal()) {
            assertThat(on(state, event).next()).isEqualTo(state);
        }
    }

    @Test
    void openStatesAreThoseBetweenTheRequestAndTheEndOfTheChat() {
        assertThat(EnumSet.allOf(ConsultationState.class).stream().filter(ConsultationState::isOpen))
                .containsExactlyInAnyOrder(QUEUED, OFFERED, ACTIVE);
        assertThat(EnumSet.allOf(ConsultationState.class).stream().filter(ConsultationState::isFinal))
                .containsExactlyInAnyOrder(RATED, UNRATED, CANCELLED);
    }

    @Test
    void statesAreFoundByTheirStoredNameAndUnknownNamesByNothing() {
        for (ConsultationState s : ConsultationState.values()) {
            assertThat(ConsultationState.named(s.name())).contains(s);
        }
        assertThat(ConsultationState.named("WAITING")).isEmpty();
    }

    @Test
    void theDiagramDrawsExactlyTheStateChangesOfTheTable() throws IOException {
        Set<String> table = new HashSet<>();
        table.add("[*] --> " + ConsultationStateMachine.begin().next());
        everyPair().map(Arguments::get).forEach(a -> {
            ConsultationState from = (ConsultationState) a[0];
            ConsultationState to = on(from, (ConsultationEvent) a[1]).next();
            if (to != from) {
                table.add(from + " --> " + to);
            }
        });
        Set<String> drawn = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*(\\[\\*]|[A-Z_]+) --> ([A-Z_]+):").matcher(Files.readString(
                Path.of("src/main/java/ua/itdesk/bot/consultation/consultation.mmd")));
        while (m.find()) {
            if (!m.group(1).equals(m.group(2))) {
                drawn.add(m.group(1) + " --> " + m.group(2));
            }
        }

        assertThat(drawn).isEqualTo(table);
    }

    @Test
    void theMigrationKnowsEveryStateAndMakesExactlyTheOpenOnesUniquePerEmployee() throws IOException {
        String sql = resource("/db/migration/V5__consultation_queue.sql");
        Matcher check = Pattern.compile("status IN\\s*\\(([^)]*)\\)\\)").matcher(sql);
        Matcher open = Pattern.compile("ux_consultation_requests_open_employee[^;]*status IN \\(([^)]*)\\)")
                .matcher(sql);

        assertThat(check.find()).isTrue();
        assertThat(names(check.group(1))).containsExactlyInAnyOrder(Arrays.stream(ConsultationState.values())
                .map(Enum::name).toArray(String[]::new));
        assertThat(open.find()).isTrue();
        assertThat(names(open.group(1))).containsExactlyInAnyOrder(Arrays.stream(ConsultationState.values())
                .filter(ConsultationState::isOpen).map(Enum::name).toArray(String[]::new));
    }

    private static String[] names(String sqlList) {
        return Arrays.stream(sqlList.split(",")).map(s -> s.strip().replace("'", "")).toArray(String[]::new);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConsultationStateMachine.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
