package ua.itdesk.bot.telegram;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Telegram's flood limits kept on our side (R2): at most {@code globalPerSecond} sending calls in any one second and
 * {@code perChatPerSecond} into any one chat. A call holds its slot while it is in flight and for a second after its
 * answer came back, so network jitter cannot squeeze two calls into one of Telegram's windows. A 429 pauses every
 * call for Telegram's {@code retry_after}: flood control is per bot, and a bot that keeps calling is held longer.
 *
 * <p>Times are nanoseconds of one monotonic clock supplied by the caller, so the rules are testable without waiting.
 */
final class SendLimiter {

    static final long WINDOW_NANOS = 1_000_000_000L;
    /** How long a caller sleeps at most before looking again when every slot is held by a call in flight. */
    private static final long IN_FLIGHT_RECHECK_NANOS = 50_000_000L;
    private static final int SWEEP_THRESHOLD = 10_000;

    private final int perChatPerSecond;
    private final Window global;
    private final Map<Long, Window> chats = new HashMap<>();
    /** Until when a 429 holds every call; meaningful only once {@link #paused}. */
    private long pausedUntil;
    private boolean paused;

    /** The calls in flight and the answers of the last second of one scope (all chats, or one). */
    private static final class Window {
        private final int limit;
        private final ArrayDeque<Long> answeredAt = new ArrayDeque<>();
        private int inFlight;

        Window(int limit) {
            this.limit = limit;
        }

        /** 0 when a call may start now, else how long to wait. */
        long waitNanos(long now) {
            while (!answeredAt.isEmpty() && now - answeredAt.peekFirst() >= WINDOW_NANOS) {
                answeredAt.removeFirst();
            }
            if (inFlight + answeredAt.size() < limit) {
                return 0;
            }
            return answeredAt.isEmpty() ? IN_FLIGHT_RECHECK_NANOS : answeredAt.peekFirst() + WINDOW_NANOS - now;
        }

        boolean idle(long now) {
            return waitNanos(now) == 0 && inFlight == 0 && answeredAt.isEmpty();
        }
    }

    SendLimiter(int globalPerSecond, int perChatPerSecond) {
        if (globalPerSecond < 1 || perChatPerSecond < 1) {
            throw new IllegalArgumentException("bot.telegram.outgoing limits must be at least 1 per second");
        }
        this.perChatPerSecond = perChatPerSecond;
        this.global = new Window(globalPerSecond);
    }

    /**
     * Takes a slot for a call into the chat when one is free at {@code now}.
     *
     * @return 0 when taken (the caller must {@link #answered} it), else nanoseconds to wait before trying again
     */
    synchronized long tryAcquire(long chatId, long now) {
        if (chats.size() > SWEEP_THRESHOLD) {
            chats.values().removeIf(w -> w.idle(now));
        }
        Window chat = chats.computeIfAbsent(chatId, id -> new Window(perChatPerSecond));
        long wait = Math.max(paused ? pausedUntil - now : 0, Math.max(global.waitNanos(now), chat.waitNanos(now)));
        if (wait > 0) {
            return wait;
        }
        global.inFlight++;
        chat.inFlight++;
        return 0;
    }

    /** Blocks until a slot for a call into the chat is taken. */
    void acquire(long chatId) throws InterruptedException {
        long wait;
        while ((wait = tryAcquire(chatId, System.nanoTime())) > 0) {
            synchronized (this) {
                // woken early by an answer or a pause; the loop looks again
                long millis = Math.max(1, wait / 1_000_000);
                wait(millis);
            }
        }
    }

    /** The call that held a slot of this chat was answered (or failed) at {@code now}. */
    synchronized void answered(long chatId, long now) {
        global.inFlight--;
        global.answeredAt.addLast(now);
        Window chat = chats.get(chatId);
        if (chat != null) {
            chat.inFlight--;
            chat.answeredAt.addLast(now);
        }
        notifyAll();
    }

    /** Telegram answered 429: nothing is sent for {@code seconds} from {@code now}. */
    synchronized void pause(long seconds, long now) {
        long until = now + seconds * WINDOW_NANOS;
        pausedUntil = paused && pausedUntil - until > 0 ? pausedUntil : until;
        paused = true;
    }

    /** Chats that cannot take a call at {@code now}, so that the outbox does not hand them to a waiting thread. */
    synchronized Set<Long> busyChats(long now) {
        Set<Long> busy = new HashSet<>();
        chats.forEach((id, w) -> {
            if (w.waitNanos(now) > 0) {
                busy.add(id);
            }
        });
        return busy;
    }
}
