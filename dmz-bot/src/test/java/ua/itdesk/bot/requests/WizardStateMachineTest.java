package ua.itdesk.bot.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ua.itdesk.bot.requests.WizardState.*;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

    @Test
    void aNewDraftStartsWithTheCategory() {
        assertThat(WizardStateMachine.begin()).isEqualTo(new Transition(CHOOSING_CATEGORY, WizardAction.SHOW_STEP));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void backGoesOneStepBackAndLeavesFromTheFirst(WizardState state) {
        assertThat(WizardStateMachine.on(state, WizardEvent.BACK)).isEqualTo(BACK.get(state));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void cancelClosesFromEveryStep(WizardState state) {
        assertThat(WizardStateMachine.on(state, WizardEvent.CANCEL))
                .isEqualTo(new Transition(CLOSED, WizardAction.CANCEL));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void anExpiredDraftClosesFromEveryStep(WizardState state) {
        assertThat(WizardStateMachine.on(state, WizardEvent.EXPIRED))
                .isEqualTo(new Transition(CLOSED, WizardAction.EXPIRE));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void unexpectedInputRemindsAndStays(WizardState state) {
        assertThat(WizardStateMachine.on(state, WizardEvent.OTHER)).isEqualTo(new Transition(state,
                WizardAction.REMIND));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void resumingShowsTheSameStepAgain(WizardState state) {
        assertThat(WizardStateMachine.on(state, WizardEvent.RESUME))
                .isEqualTo(new Transition(state, WizardAction.SHOW_STEP_AGAIN));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = {"CHOOSING_CATEGORY", "CHOOSING_PRIORITY", "REVIEWING_ARTICLES",
        "CONFIRMING"})
    void textWhereAButtonIsExpectedReminds(WizardState state) {
        assertThat(WizardStateMachine.on(state, WizardEvent.TEXT)).isEqualTo(new Transition(state,
                WizardAction.REMIND));
        assertThat(WizardStateMachine.on(state, WizardEvent.FILE)).isEqualTo(new Transition(state,
                WizardAction.REMIND));
    }

    @ParameterizedTest
    @EnumSource(value = WizardState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void aButtonOfAnotherStepIsStaleAndChangesNothing(WizardState state) {
        WizardEvent[] buttons = {WizardEvent.CATEGORY, WizardEvent.PRIORITY, WizardEvent.SKIP, WizardEvent.DONE,
            WizardEvent.SOLVED, WizardEvent.NOT_SOLVED, WizardEvent.CONFIRM};
        Arrays.stream(buttons)
                .map(e -> WizardStateMachine.on(state, e))
                .filter(t -> t.action() == WizardAction.STALE_BUTTON)
                .forEach(t -> assertThat(t.next()).isEqualTo(state));
        // every step but the free-text ones takes exactly one kind of its own buttons forward
        long taken = Arrays.stream(buttons)
                .filter(e -> WizardStateMachine.on(state, e).action() != WizardAction.STALE_BUTTON).count();
        assertThat(taken).isEqualTo(switch (state) {
            case ENTERING_SUMMARY -> 0L;
            case REVIEWING_ARTICLES -> 2L;
            default -> 1L;
        });
    }

    @Test
    void theHappyPathWalksEveryStep() {
        assertThat(WizardStateMachine.on(CHOOSING_CATEGORY, WizardEvent.CATEGORY))
                .isEqualTo(new Transition(CHOOSING_PRIORITY, WizardAction.SAVE_CATEGORY));
        assertThat(WizardStateMachine.on(CHOOSING_PRIORITY, WizardEvent.PRIORITY))
                .isEqualTo(new Transition(ENTERING_SUMMARY, WizardAction.SAVE_PRIORITY));
        assertThat(WizardStateMachine.on(ENTERING_SUMMARY, WizardEvent.TEXT))
                .isEqualTo(new Transition(ENTERING_DESCRIPTION, WizardAction.SAVE_SUMMARY));
        assertThat(WizardStateMachine.on(ENTERING_DESCRIPTION, WizardEvent.TEXT))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.SAVE_DESCRIPTION));
        assertThat(WizardStateMachine.on(ADDING_ATTACHMENTS, WizardEvent.FILE))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.ADD_FILE));
        assertThat(WizardStateMachine.on(ADDING_ATTACHMENTS, WizardEvent.DONE))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.FIND_ARTICLES));
        assertThat(WizardStateMachine.on(ADDING_ATTACHMENTS, WizardEvent.ARTICLES_FOUND))
                .isEqualTo(new Transition(REVIEWING_ARTICLES, WizardAction.SHOW_STEP));
        assertThat(WizardStateMachine.on(REVIEWING_ARTICLES, WizardEvent.NOT_SOLVED))
                .isEqualTo(new Transition(CONFIRMING, WizardAction.SHOW_STEP));
        assertThat(WizardStateMachine.on(CONFIRMING, WizardEvent.CONFIRM))
                .isEqualTo(new Transition(CLOSED, WizardAction.SUBMIT));
    }

    @Test
    void theDescriptionCanBeSkipped() {
        assertThat(WizardStateMachine.on(ENTERING_DESCRIPTION, WizardEvent.SKIP))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.SKIP_DESCRIPTION));
    }

    @Test
    void withoutArticlesTheWizardGoesStraightToTheConfirmation() {
        assertThat(WizardStateMachine.on(ADDING_ATTACHMENTS, WizardEvent.NO_ARTICLES))
                .isEqualTo(new Transition(CONFIRMING, WizardAction.SHOW_STEP));
    }

    @Test
    void thisSolvedItClosesWithoutARequest() {
        assertThat(WizardStateMachine.on(REVIEWING_ARTICLES, WizardEvent.SOLVED))
                .isEqualTo(new Transition(CLOSED, WizardAction.CLOSE_SOLVED));
    }

    @Test
    void refusedInputKeepsTheStep() {
        assertThat(WizardStateMachine.on(ENTERING_SUMMARY, WizardEvent.TEXT_TOO_LONG))
                .isEqualTo(new Transition(ENTERING_SUMMARY, WizardAction.REFUSE_TOO_LONG));
        assertThat(WizardStateMachine.on(ADDING_ATTACHMENTS, WizardEvent.FILE_REFUSED))
                .isEqualTo(new Transition(ADDING_ATTACHMENTS, WizardAction.REFUSE_FILE));
        assertThat(WizardStateMachine.on(CONFIRMING, WizardEvent.FILE_REFUSED))
                .isEqualTo(new Transition(CONFIRMING, WizardAction.REMIND));
    }

    @Test
    void aClosedWizardTakesNoEvents() {
        assertThatThrownBy(() -> WizardStateMachine.on(CLOSED, WizardEvent.TEXT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statesAreReadBackByNameAndClosedIsNeverStored() {
        assertThat(WizardState.named("CONFIRMING")).contains(CONFIRMING);
        assertThat(WizardState.named("CLOSED")).isEmpty();
        assertThat(WizardState.named("NO_SUCH_STEP")).isEmpty();
    }
}
