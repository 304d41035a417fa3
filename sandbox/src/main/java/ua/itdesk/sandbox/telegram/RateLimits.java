package ua.itdesk.sandbox.telegram;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** Telegram's flood control for outgoing messages: sliding one-second windows, overall and per chat. */
final class RateLimits {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private int globalPerSecond;
    private int perChatPerSecond;
    private final ArrayDeque<Long> global = new ArrayDeque<>();
    private final Map<Long, ArrayDeque<Long>> perChat = new HashMap<>();

    synchronized void configure(int globalPerSecond, int perChatPerSecond) {
        if (globalPerSecond < 0 || perChatPerSecond < 0) {
            throw new IllegalArgumentException("limits must be >= 0 (0 = off)");
        }
        this.globalPerSecond = globalPerSecond;
        this.perChatPerSecond = perChatPerSecond;
        global.clear();
        perChat.clear();
    }

    synchronized int globalPerSecond() {
        return globalPerSecond;
    }

    synchronized int perChatPerSecond() {
        return perChatPerSecond;
    }

    /** 0 when the message may go now (and it is counted), otherwise Telegram's retry_after in seconds. */
    synchronized int acquire(long chatId) {
        long now = System.nanoTime();
        ArrayDeque<Long> chat = perChatPerSecond > 0 ? perChat.computeIfAbsent(chatId, id -> new ArrayDeque<>()) : null;
        int wait = Math.max(waitFor(global, globalPerSecond, now), chat == null ? 0 : waitFor(chat, perChatPerSecond, now));
        if (wait > 0) {
            return wait;
        }
        if (globalPerSecond > 0) {
            global.addLast(now);
        }
        if (chat != null) {
            chat.addLast(now);
        }
        return 0;
    }

    private static int waitFor(ArrayDeque<Long> window, int limit, long now) {
        if (limit <= 0) {
            return 0;
        }
        while (!window.isEmpty() && now - window.peekFirst() >= WINDOW_NANOS) {
            window.removeFirst();
        }
        if (window.size() < limit) {
            return 0;
        }
        long nanos = window.peekFirst() + WINDOW_NANOS - now;
        return (int) Math.max(1, (nanos + WINDOW_NANOS - 1) / WINDOW_NANOS);
    }
}
