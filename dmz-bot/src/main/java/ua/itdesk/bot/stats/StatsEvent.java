package ua.itdesk.bot.stats;

/** What happened in the period picker: a button, a typed date, a command, or time passing. */
public enum StatsEvent {
    /** {@code /stats} or the menu item while the picker is open: show the current step again. */
    RESUME,
    TODAY,
    LAST_7_DAYS,
    LAST_30_DAYS,
    CUSTOM,
    /** A date fit for the step: a day, not in the future, and for the last day within the allowed period. */
    DATE,
    /** A text that is not such a date; the reason goes with it. */
    DATE_REFUSED,
    /** The Cancel button or {@code /cancel}. */
    CANCEL,
    /** The picker was idle longer than {@code bot.stats.dialog-timeout}. */
    EXPIRED,
    /** Anything else: a sticker, a file, text where a button is expected. */
    OTHER
}
