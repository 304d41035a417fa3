package ua.itdesk.bot.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for what the running bot does in the background (events, scheduled jobs, other threads). */
public final class Await {

    public static final Duration WAIT = Duration.ofSeconds(15);

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails the test after {@link #WAIT}. */
    public static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
