package ua.itdesk.bot.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ua.itdesk.bot.requests.WizardState.*;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import ua.itdesk.bot.requests.WizardStateMachine.Transition;

class WizardStateMachineTest {

    private static final Map<WizardState, Transition> BACK = Map.of(
            CHOOSING_CATEGORY, new Transition(CLOSED, WizardAction.LEAVE),
            CHOOSING_PRIORITY, new Transition(CHOOSING_CATEGORY, WizardAction.SHOW_STEP),
            ENTERING_SUMMARY, new Transition(CHOOSING_PRIORITY, WizardAction.SHOW_STEP),
            ENTERING_DESCRIPTION, new Transition(ENTERING_SUMMARY, WizardAction.SHOW_STEP),
            ADDING_ATTACHMENTS, new Transition(ENTERING_DESCRIPTION, WizardAction.SHOW_STEP),
            REVIEWING_ARTICLES, new Transition(ADDING_ATTACHMENTS, WizardAction.SHOW_STEP),
            CONFIRMING, new Transition(ADDING_ATTACHMENTS, WizardAction.SHOW_STEP));

    static Stream<Arguments> everyStepWithAndWithoutARequiredDescription() {
        return Arrays.stream(WizardState.values()).filter(s -> s != CLOSED)
                .flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
    }

    @Test
    void aNewDraftStartsWithTheCategory() {
        assertThat(WizardStateMachine.begin()).isEqualTo(new Transition(CHOOSING_CATEGORY, WizardAction.SHOW_STEP));
    }

    @ParameterizedTest
    @MethodSource("everyStepWithAndWithoutARequiredDescription")
    void backGoesOneStepBackAndLeavesFromTheFirst(WizardState state, boolean descriptionRequired) {
        assertThat(WizardStateMachine.on(state, WizardEvent.BACK, descriptionRequired)).isEqualTo(BACK.get(state));
    }

    @ParameterizedTest
    @MethodSource("everyStepWithAndWithoutARequiredDescription")
    void cancelClosesFromEveryStep(WizardState state, boolean descriptionRequired) {
        assertThat(WizardStateMachine.on(state, WizardEvent.CANCEL, descriptionRequired))
                .isEqualTo(new Transition(CLOSED, WizardAction.CANCEL));
    }

    @ParameterizedTest
    @MethodSource("everyStepWithAndWithoutARequiredDescription")
    void anExpiredDraftClosesFromEveryStep(WizardState state, boolean descriptionRequired) {
        assertThat(WizardStateMachine.on(state, WizardEvent.EXPIRED, descriptionRequired))
                .isEqualTo(new Transition(CLOSED, WizardAction.EXPIRE));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void unexpectedInputRemindsAndStays(WizardState state) {
        assertThat(WizardStateMachine.on(state, WizardEvent.OTHER, false)).isEqualTo(new Transition(state,
                WizardAction.REMIND));
    }

    @ParameterizedTest
    @MethodSource("everyStepWithAndWithoutARequiredDescription")
    void resumingShowsTheSameStepAgain(WizardState state, boolean descriptionRequired) {
        assertThat(WizardStateMachine.on(state, WizardEvent.RESUME, descriptionRequired))
                .isEqualTo(new Transition(state, WizardAction.SHOW_STEP_AGAIN));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = {"CHOOSING_CATEGORY", "CHOOSING_PRIORITY", "REVIEWING_ARTICLES",
        "CONFIRMING"})
    void textWhereAButtonIsExpectedReminds(WizardState state) {
        assertThat(WizardStateMachine.on(state, WizardEvent.TEXT, false)).isEqualTo(new Transition(state,
                WizardAction.REMIND));
        assertThat(WizardStateMachine.on(state, WizardEvent.FILE, false)).isEqualTo(new Transition(state,
                WizardAction.REMIND));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void aButtonOfAnotherStepIsStaleAndChangesNothing(WizardState state) {
        WizardEvent[] buttons = {WizardEvent.CATEGORY, WizardEvent.PRIORITY, WizardEvent.SKIP, WizardEvent.DONE,
            WizardEvent.SOLVED, WizardEvent.NOT_SOLVED, WizardEvent.CONFIRM};
        Arrays.stream(buttons)
                .map(e -> WizardStateMachine.on(state, e, false))
                .filter(t -> t.action() == WizardAction.STALE_BUTTON)
                .forEach(t -> assertThat(t.next()).isEqualTo(state));
        // every step but the free-text ones takes exactly one kind of its own buttons forward
        long taken = Arrays.stream(buttons)
                .filter(e -> WizardStateMachine.on(state, e, false).action() != WizardAction.STALE_BUTTON).count();
        assertThat(taken).isEqualTo(switch (state) {
            case ENTERING_SUMMARY -> 0L;
            case REVIEWING_ARTICLES -> 2L;
            default -> 1L;
        });
    }

    @Test
    void theHappyPathWalksEveryStep() {
        assertThat(WizardStateMachine.on(CHOOSING_CATEGORY, WizardEvent.CATEGORY, false))
                .isEqualTo(new Transition(CHOOSING_PRIORITY, WizardAction.SAVE_CATEGORY));
        assertThat(WizardStateMachine.on(CHOOSING_PRIORITY, WizardEvent.PRIORITY, false))
                .isEqualTo(new Transition(ENTERING_SUMMARY, WizardAction.SAVE_PRIORITY));
        assertThat(WizardStateMachine.on(ENTERING_SUMMARY, WizardEvent.TEXT, false))
                .isEqualTo(new Transition(ENTERING_DESCRIPTION, WizardAction.SAVE_SUMMARY));
        assertThat(WizardStateMachine.on(ENTERING_DESCRIPTION, WizardEvent.TEXT, false))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.SAVE_DESCRIPTION));
        assertThat(WizardStateMachine.on(ADDING_ATTACHMENTS, WizardEvent.FILE, false))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.ADD_FILE));
        assertThat(WizardStateMachine.on(ADDING_ATTACHMENTS, WizardEvent.DONE, false))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.FIND_ARTICLES));
        assertThat(WizardStateMachine.on(ADDING_ATTACHMENTS, WizardEvent.ARTICLES_FOUND, false))
                .isEqualTo(new Transition(REVIEWING_ARTICLES, WizardAction.SHOW_STEP));
        assertThat(WizardStateMachine.on(REVIEWING_ARTICLES, WizardEvent.NOT_SOLVED, false))
                .isEqualTo(new Transition(CONFIRMING, WizardAction.SHOW_STEP));
        assertThat(WizardStateMachine.on(CONFIRMING, WizardEvent.CONFIRM, false))
                .isEqualTo(new Transition(CLOSED, WizardAction.SUBMIT));
    }

    @Test
    void theDescriptionCanBeSkippedWhenTheCategoryDoesNotRequireOne() {
        assertThat(WizardStateMachine.on(ENTERING_DESCRIPTION, WizardEvent.SKIP, false))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.SKIP_DESCRIPTION));
    }

    @ParameterizedTest
    @EnumSource(value = WizardEvent.class, names = {"SKIP", "OTHER", "FILE", "FILE_REFUSED"})
    void aRequiredDescriptionCannotBeSkippedOrReplacedAndTheStepSaysSo(WizardEvent event) {
        assertThat(WizardStateMachine.on(ENTERING_DESCRIPTION, event, true))
                .isEqualTo(new Transition(ENTERING_DESCRIPTION, WizardAction.REQUIRE_DESCRIPTION));
    }

    @Test
    void aRequiredDescriptionIsTakenAsTextAndBackStillWorks() {
        assertThat(WizardStateMachine.on(ENTERING_DESCRIPTION, WizardEvent.TEXT, true))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.SAVE_DESCRIPTION));
        assertThat(WizardStateMachine.on(ENTERING_DESCRIPTION, WizardEvent.BACK, true))
                .isEqualTo(new Transition(ENTERING_SUMMARY, WizardAction.SHOW_STEP));
        assertThat(WizardStateMachine.on(ENTERING_DESCRIPTION, WizardEvent.PRIORITY, true))
                .isEqualTo(new Transition(ENTERING_DESCRIPTION, WizardAction.STALE_BUTTON));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = {"CLOSED", "ENTERING_DESCRIPTION"},
            mode = EnumSource.Mode.EXCLUDE)
    void aRequiredDescriptionChangesNoOtherStep(WizardState state) {
        for (WizardEvent event : WizardEvent.values()) {
            assertThat(WizardStateMachine.on(state, event, true)).as(state + " + " + event)
                    .isEqualTo(WizardStateMachine.on(state, event, false));
        }
    }

    @Test
    void withoutArticlesTheWizardGoesStraightToTheConfirmation() {
        assertThat(WizardStateMachine.on(ADDING_ATTACHMENTS, WizardEvent.NO_ARTICLES, false))
                .isEqualTo(new Transition(CONFIRMING, WizardAction.SHOW_STEP));
    }

    @Test
    void thisSolvedItClosesWithoutARequest() {
        assertThat(WizardStateMachine.on(REVIEWING_ARTICLES, WizardEvent.SOLVED, false))
                .isEqualTo(new Transition(CLOSED, WizardAction.CLOSE_SOLVED));
    }

    @Test
    void refusedInputKeepsTheStep() {
        assertThat(WizardStateMachine.on(ENTERING_SUMMARY, WizardEvent.TEXT_TOO_LONG, false))
                .isEqualTo(new Transition(ENTERING_SUMMARY, WizardAction.REFUSE_TOO_LONG));
        assertThat(WizardStateMachine.on(ADDING_ATTACHMENTS, WizardEvent.FILE_REFUSED, false))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.REFUSE_FILE));
        assertThat(WizardStateMachine.on(CONFIRMING, WizardEvent.FILE_REFUSED, false))
                .isEqualTo(new Transition(CONFIRMING, WizardAction.REMIND));
    }

    @Test
    void aClosedWizardTakesNoEvents() {
        assertThatThrownBy(() -> WizardStateMachine.on(CLOSED, WizardEvent.TEXT, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statesAreReadBackByNameAndClosedIsNeverStored() {
        assertThat(WizardState.named("CONFIRMING")).contains(CONFIRMING);
        assertThat(WizardState.named("CLOSED")).isEmpty();
        assertThat(WizardState.named("NO_SUCH_STEP")).isEmpty();
    }
}
