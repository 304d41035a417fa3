package ua.itdesk.bot.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ua.itdesk.bot.stats.StatsStateMachine.Transition;

class StatsStateMachineTest {

    @Test
    void aPickerBeginsWithThePeriodButtons() {
        assertThat(StatsStateMachine.begin()).isEqualTo(new Transition(StatsState.CHOOSING_PERIOD,
                StatsAction.SHOW_STEP));
    }

    @ParameterizedTest
    @EnumSource(value = StatsState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    void cancelExpiryAndTheFixedPeriodsWorkFromEveryStep(StatsState state) {
        assertThat(StatsStateMachine.on(state, StatsEvent.CANCEL)).isEqualTo(new Transition(StatsState.CLOSED,
                StatsAction.CANCEL));
        assertThat(StatsStateMachine.on(state, StatsEvent.EXPIRED)).isEqualTo(new Transition(StatsState.CLOSED,
                StatsAction.EXPIRE));
        for (StatsEvent period : new StatsEvent[] {StatsEvent.TODAY, StatsEvent.LAST_7_DAYS,
                StatsEvent.LAST_30_DAYS}) {
            assertThat(StatsStateMachine.on(state, period)).isEqualTo(new Transition(StatsState.CLOSED,
                    StatsAction.REPORT));
        }
        assertThat(StatsStateMachine.on(state, StatsEvent.RESUME)).isEqualTo(new Transition(state,
                StatsAction.SHOW_STEP_AGAIN));
        assertThat(StatsStateMachine.on(state, StatsEvent.OTHER)).isEqualTo(new Transition(state,
                StatsAction.REMIND));
    }

    @Test
    void aCustomPeriodTakesTwoDatesAndRefusesBadOnesWithoutMoving() {
        assertThat(StatsStateMachine.on(StatsState.CHOOSING_PERIOD, StatsEvent.CUSTOM))
                .isEqualTo(new Transition(StatsState.ENTERING_FROM, StatsAction.SHOW_STEP));
        assertThat(StatsStateMachine.on(StatsState.ENTERING_FROM, StatsEvent.DATE))
                .isEqualTo(new Transition(StatsState.ENTERING_TO, StatsAction.SAVE_FROM));
        assertThat(StatsStateMachine.on(StatsState.ENTERING_TO, StatsEvent.DATE))
                .isEqualTo(new Transition(StatsState.CLOSED, StatsAction.REPORT));
        assertThat(StatsStateMachine.on(StatsState.ENTERING_FROM, StatsEvent.DATE_REFUSED))
                .isEqualTo(new Transition(StatsState.ENTERING_FROM, StatsAction.REFUSE_DATE));
        assertThat(StatsStateMachine.on(StatsState.ENTERING_TO, StatsEvent.DATE_REFUSED))
                .isEqualTo(new Transition(StatsState.ENTERING_TO, StatsAction.REFUSE_DATE));
        assertThat(StatsStateMachine.on(StatsState.CHOOSING_PERIOD, StatsEvent.DATE))
                .as("a date where buttons are expected").isEqualTo(new Transition(StatsState.CHOOSING_PERIOD,
                        StatsAction.REMIND));
        assertThat(StatsStateMachine.on(StatsState.ENTERING_TO, StatsEvent.CUSTOM))
                .as("start the custom period again").isEqualTo(new Transition(StatsState.ENTERING_FROM,
                        StatsAction.SHOW_STEP));
    }

    @Test
    void aClosedPickerTakesNoEvents() {
        assertThatThrownBy(() -> StatsStateMachine.on(StatsState.CLOSED, StatsEvent.DATE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typedDatesAreDayMonthYearOrIso() {
        assertThat(StatsConversation.parse("1.3.2020")).isEqualTo(java.time.LocalDate.of(2020, 3, 1));
        assertThat(StatsConversation.parse("2020-03-01")).isEqualTo(java.time.LocalDate.of(2020, 3, 1));
        assertThatThrownBy(() -> StatsConversation.parse("31.02.2020"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
