package ua.itdesk.agent.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Phone numbers for tests. */
public final class Numbers {

    private Numbers() {
    }

    /** A valid Ukrainian E.164 number with operator code 39, which no seeded person has. */
    public static String unknownNumber() {
        return "+38039" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** A Telegram user id no seeded person has. */
    public static long strangerTelegramId() {
        return 9_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }
}
