package ua.itdesk.bot.telegram;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Runs tasks on a shared pool, one at a time per chat and in submission order (R1): different chats proceed in
 * parallel, one slow chat holds up only itself. A failing task does not stop the chat's later tasks.
 */
final class ChatSerialExecutor {

    private static final Logger LOG = Logger.getLogger(ChatSerialExecutor.class);

    private final Executor pool;
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    ChatSerialExecutor(Executor pool) {
        this.pool = pool;
    }

    /** Queues the task behind the chat's earlier ones; the future completes when it has run. */
    CompletableFuture<Void> submit(long chatId, Runnable task) {
        CompletableFuture<Void> next = tails.compute(chatId, (id, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null)
                    : tail.exceptionally(e -> null);
            return previous.thenRunAsync(() -> runSafely(chatId, task), pool);
        });
        // registered outside compute(): a callback running inline there would modify the map re-entrantly
        next.whenComplete((ignored, error) -> tails.remove(chatId, next));
        return next;
    }

    /** Chats with queued or running work. */
    int busyChats() {
        return tails.size();
    }

    private static void runSafely(long chatId, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "a task of chat %d failed", chatId);
        }
    }
}
