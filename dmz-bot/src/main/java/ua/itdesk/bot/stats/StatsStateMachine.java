package ua.itdesk.bot.stats;

import static ua.itdesk.bot.stats.StatsAction.CANCEL;
import static ua.itdesk.bot.stats.StatsAction.EXPIRE;
import static ua.itdesk.bot.stats.StatsAction.REFUSE_DATE;
import static ua.itdesk.bot.stats.StatsAction.REMIND;
import static ua.itdesk.bot.stats.StatsAction.REPORT;
import static ua.itdesk.bot.stats.StatsAction.SAVE_FROM;
import static ua.itdesk.bot.stats.StatsAction.SHOW_STEP;
import static ua.itdesk.bot.stats.StatsAction.SHOW_STEP_AGAIN;
import static ua.itdesk.bot.stats.StatsState.CHOOSING_PERIOD;
import static ua.itdesk.bot.stats.StatsState.CLOSED;
import static ua.itdesk.bot.stats.StatsState.ENTERING_FROM;
import static ua.itdesk.bot.stats.StatsState.ENTERING_TO;

/**
 * The {@code /stats} period picker as a pure transition table (state x event -> next state + action), free of I/O
 * so that every transition is tested on its own. {@code stats.mmd} beside this class draws the same table.
 */
public final class StatsStateMachine {

    private StatsStateMachine() {
    }

    /**
     * Where an event leads.
     *
     * @param next   the state to persist; {@link StatsState#CLOSED} ends the picker
     * @param action what to do
     */
    public record Transition(StatsState next, StatsAction action) {
    }

    /** The first step of a new picker. */
    public static Transition begin() {
        return new Transition(CHOOSING_PERIOD, SHOW_STEP);
    }

    public static Transition on(StatsState state, StatsEvent event) {
        if (state == CLOSED) {
            throw new IllegalArgumentException("a closed picker takes no events");
        }
        return switch (event) {
            case CANCEL -> new Transition(CLOSED, CANCEL);
            case EXPIRED -> new Transition(CLOSED, EXPIRE);
            case RESUME -> new Transition(state, SHOW_STEP_AGAIN);
            // the period buttons work from any step: typing a custom period can be abandoned for a fixed one
            case TODAY, LAST_7_DAYS, LAST_30_DAYS -> new Transition(CLOSED, REPORT);
            case CUSTOM -> new Transition(ENTERING_FROM, SHOW_STEP);
            case DATE -> switch (state) {
                case ENTERING_FROM -> new Transition(ENTERING_TO, SAVE_FROM);
                case ENTERING_TO -> new Transition(CLOSED, REPORT);
                default -> new Transition(state, REMIND);
            };
            case DATE_REFUSED -> state == CHOOSING_PERIOD ? new Transition(state, REMIND)
                    : new Transition(state, REFUSE_DATE);
            case OTHER -> new Transition(state, REMIND);
        };
    }
}
