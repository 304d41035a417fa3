package ua.itdesk.bot.telegram;

import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N updates per Telegram user per second (S3), counted in fixed one-second windows per process. The excess
 * is dropped; the first drop after a quiet minute earns the user one notice, so a flood cannot make the bot flood
 * back.
 */
final class PerUserRateLimiter {

    enum Verdict {
        ALLOW,
        /** Drop, and tell the user (and the audit log) once. */
        DROP_AND_NOTIFY,
        DROP
    }

    private static final long WINDOW_MILLIS = 1000;
    private static final long NOTICE_INTERVAL_MILLIS = 60_000;
    private static final int SWEEP_THRESHOLD = 10_000;

    private final int perSecond;
    private final ConcurrentHashMap<Long, Window> windows = new ConcurrentHashMap<>();

    private record Window(long start, int count, long lastNotice) {
    }

    PerUserRateLimiter(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("bot.rate-limit.per-user-per-second must be at least 1");
        }
        this.perSecond = perSecond;
    }

    Verdict check(long userId, long nowMillis) {
        if (windows.size() > SWEEP_THRESHOLD) {
            windows.values().removeIf(w -> nowMillis - w.start() > NOTICE_INTERVAL_MILLIS);
        }
        Verdict[] verdict = new Verdict[1];
        windows.compute(userId, (id, w) -> {
            long lastNotice = w == null ? Long.MIN_VALUE / 2 : w.lastNotice();
            Window current = w == null || nowMillis - w.start() >= WINDOW_MILLIS
                    ? new Window(nowMillis, 1, lastNotice)
                    : new Window(w.start(), w.count() + 1, lastNotice);
            if (current.count() <= perSecond) {
                verdict[0] = Verdict.ALLOW;
                return current;
            }
            if (nowMillis - lastNotice >= NOTICE_INTERVAL_MILLIS) {
                verdict[0] = Verdict.DROP_AND_NOTIFY;
                return new Window(current.start(), current.count(), nowMillis);
            }
            verdict[0] = Verdict.DROP;
            return current;
        });
        return verdict[0];
    }
}
