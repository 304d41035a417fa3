package ua.itdesk.bot.config;

import java.time.Duration;

/** Pauses between retries of work the agent could not take: doubling from a first pause up to a maximum. */
public final class Backoff {

    private Backoff() {
    }

    /** The pause after {@code failedBefore} earlier failures: {@code first x 2^failedBefore}, at most {@code max}. */
    public static Duration doubling(Duration first, Duration max, int failedBefore) {
        Duration pause = first;
        for (int i = 0; i < failedBefore && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) > 0 ? max : pause;
    }
}
