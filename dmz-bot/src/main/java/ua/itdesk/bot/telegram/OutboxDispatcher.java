package ua.itdesk.bot.telegram;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import ua.itdesk.bot.config.Backoff;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.telegram.BotApiCalls.Result;
import ua.itdesk.bot.telegram.OutboxStore.Claimed;

/**
 * Delivers {@code outgoing_messages} (R2, R5): one loop thread claims the oldest waiting message of each chat whose
 * per-chat window is free, and a few worker threads send them through the shared {@link SendLimiter}. Sent: the row
 * is deleted. 429: back at its place after Telegram's {@code retry_after}. No answer or 5xx: retried with doubling
 * pauses. Refused (blocked by the user, chat gone): given up and counted, without the text. A chat's next message
 * cannot be claimed while its previous one waits, on this instance or another, so each chat's order holds.
 *
 * <p>Delivery is at least once: a process killed between Telegram's answer and the delete sends that one message
 * again when its lease ({@code bot.telegram.outgoing.lease}) ends.
 */
final class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    private static final long MAINTENANCE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** When every due chat is inside its one-second window, look again this soon rather than after a full poll. */
    private static final long BUSY_CHATS_RECHECK_MILLIS = 100;

    private final OutboxStore store;
    private final BotApiCalls calls;
    private final BotConfig.Outgoing config;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Long> claimed = ConcurrentHashMap.newKeySet();
    private final AtomicLong sentSinceReport = new AtomicLong();
    private volatile boolean running;
    private Thread loop;
    private ExecutorService workers;

    OutboxDispatcher(OutboxStore store, BotApiCalls calls, BotConfig.Outgoing config) {
        this.store = store;
        this.calls = calls;
        this.config = config;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        AtomicInteger threads = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "telegram-out-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::run, "telegram-outbox");
        loop.setDaemon(true);
        loop.start();
    }

    /** Stops claiming, lets the messages in hand go out (a few seconds at most) and releases the rest. */
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        loop.interrupt();
        workers.shutdown();
        try {
            loop.join(5_000);
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.release(Set.copyOf(claimed));
        } catch (RuntimeException e) {
            LOG.warnf("could not release %d claimed outgoing message(s); they wait for their lease: %s",
                    claimed.size(), e.toString());
        }
    }

    /** Something was queued here: look now rather than at the next poll. */
    void wake() {
        wake.release();
    }

    private void run() {
        long nextMaintenance = System.nanoTime();
        int failures = 0;
        while (running) {
            try {
                long now = System.nanoTime();
                if (now - nextMaintenance >= 0) {
                    maintain();
                    nextMaintenance = now + MAINTENANCE_EVERY_NANOS;
                }
                // two per worker: the next message is ready when a worker frees up
                int free = config.workers() * 2 - inFlight.get();
                Set<Long> busy = calls.limiter().busyChats(now);
                List<Claimed> rows = free <= 0 ? List.of() : store.claim(free, config.lease(), busy);
                for (Claimed row : rows) {
                    inFlight.incrementAndGet();
                    claimed.add(row.id());
                    workers.execute(() -> deliver(row));
                }
                failures = 0;
                if (rows.isEmpty()) {
                    long wait = busy.isEmpty() ? config.pollInterval().toMillis()
                            : Math.min(BUSY_CHATS_RECHECK_MILLIS, config.pollInterval().toMillis());
                    wake.tryAcquire(wait, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away: keep the loop, pause as for any retry; the rows wait in the table
                failures++;
                Duration pause = Backoff.doubling(config.retryBackoff(), config.retryMaxBackoff(), failures - 1);
                LOG.warnf("outbox: could not claim messages (%d time(s) in a row), next look in %s: %s", failures,
                        pause, e.toString());
                if (!sleep(pause)) {
                    return;
                }
            }
        }
    }

    private void deliver(Claimed row) {
        try {
            if (row.message() == null) {
                store.failed(row.id(), "the stored message could not be read");
                calls.countFailed("outbox", "sendMessage", "unreadable");
                LOG.errorf("outgoing message %d to chat %d could not be read (retired key?); given up", row.id(),
                        row.chatId());
                return;
            }
            Result<?> result = calls.call(TelegramMessageSender.sendMessage(row.message()), "sendMessage",
                    row.chatId());
            switch (result.kind()) {
                case OK -> {
                    store.delivered(row.id());
                    calls.count("sent", "outbox", "sendMessage", result);
                    sentSinceReport.incrementAndGet();
                }
                case RATE_LIMITED -> {
                    store.retryLater(row.id(), Duration.ofSeconds(result.retryAfter()), false, result.error());
                    calls.count("retried", "outbox", "sendMessage", result);
                }
                case TRANSIENT -> {
                    Duration pause = Backoff.doubling(config.retryBackoff(), config.retryMaxBackoff(),
                            row.attempts());
                    store.retryLater(row.id(), pause, true, result.error());
                    calls.count("retried", "outbox", "sendMessage", result);
                    LOG.warnf("outgoing message %d to chat %d: %s; retrying in %s", row.id(), row.chatId(),
                            result.error(), pause);
                }
                case REFUSED -> {
                    store.failed(row.id(), result.error());
                    calls.count("failed", "outbox", "sendMessage", result);
                    LOG.warnf("outgoing message %d to chat %d refused by Telegram: %s", row.id(), row.chatId(),
                            result.error());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the outcome could not be written: the lease runs out and the message is tried again
            LOG.warnf("outgoing message %d to chat %d: could not record the outcome: %s", row.id(), row.chatId(),
                    e.toString());
        } finally {
            claimed.remove(row.id());
            inFlight.decrementAndGet();
            wake();
        }
    }

    private void maintain() {
        int expired = store.expire(config.maxAge());
        int purged = store.purgeFailed(config.failedRetention());
        int waiting = store.backlog();
        long sent = sentSinceReport.getAndSet(0);
        if (expired > 0) {
            calls.countFailed("outbox", "sendMessage", "expired", expired);
            LOG.warnf("outbox: %d message(s) not delivered within %s given up", expired, config.maxAge());
        }
        if (waiting > 0 || sent > 0 || purged > 0) {
            LOG.infof("outbox: %d sent in the last minute, %d waiting, %d failed row(s) past retention deleted",
                    sent, waiting, purged);
        }
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
