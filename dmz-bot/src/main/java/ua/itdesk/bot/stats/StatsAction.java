package ua.itdesk.bot.stats;

/** What the picker does on a transition; {@link StatsConversation} carries it out. */
public enum StatsAction {
    /** Show the step of the next state (its question and buttons). */
    SHOW_STEP,
    /** Show the current step again, saying the picker is still open. */
    SHOW_STEP_AGAIN,
    /** Keep the first day of a custom period and ask for the last one. */
    SAVE_FROM,
    /** Say why the date was not taken; the step stays. */
    REFUSE_DATE,
    /** Read and send the statistics of the chosen period. */
    REPORT,
    /** Cancelled: forget the picker, back to the menu. */
    CANCEL,
    /** Expired: forget the picker and say so. */
    EXPIRE,
    /** Input the step does not take: say what it expects and show it again. */
    REMIND
}
