package ua.itdesk.bot.stats;

import java.util.Optional;

/**
 * Steps of the {@code /stats} period picker, persisted by {@link #name()} in STATS_DIALOGS.state: renaming a
 * constant is a data migration. {@link #CLOSED} is never stored: the dialog row is then deleted. See
 * {@code stats.mmd}.
 */
public enum StatsState {
    /** The buttons today, 7 days, 30 days, custom are on offer. */
    CHOOSING_PERIOD,
    /** Custom period: waiting for the first day as text. */
    ENTERING_FROM,
    /** Custom period: the first day is kept, waiting for the last one. */
    ENTERING_TO,
    /** Over: the statistics were sent, or the picker was cancelled or expired. */
    CLOSED;

    /** The state stored under {@code name}; empty for names this version does not know. */
    public static Optional<StatsState> named(String name) {
        for (StatsState s : values()) {
            if (s != CLOSED && s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
