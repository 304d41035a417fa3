package ua.itdesk.agent.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * Writes remembered by scope (the employee, or the request the bot writes to) and {@code Idempotency-Key} for a
 * window, at most a number of them (the oldest are forgotten first). A repeat returns the first result; a repeat
 * while the first is still running waits for it, so concurrent duplicates write once; a repeat with a different body
 * (fingerprint) is refused. A failed write is forgotten, so the bot's retry writes; but a failure that may have
 * written all the same (an answer lost on the way back) is remembered as uncertain, and the retry's write is told
 * since when, so that it can look for what the first attempt did before writing again. Held in memory: it covers
 * one agent instance and does not survive a restart.
 *
 * @param <T> the answer of the write
 */
public final class IdempotentCalls<T> {

    private static final long WAIT_FOR_FIRST_SECONDS = 60;
    /** Retry-After of a repeat that gave up waiting for the first call. */
    private static final Duration IN_PROGRESS_RETRY_AFTER = Duration.ofSeconds(10);

    private final Duration window;
    private final int maxEntries;
    private final Clock clock = Clock.systemUTC();
    private final LinkedHashMap<String, Entry<T>> entries = new LinkedHashMap<>();
    /** Attempts (scope, key, fingerprint) that failed in a way that may have written, and when they started. */
    private final LinkedHashMap<String, Instant> uncertain = new LinkedHashMap<>();
    private final Predicate<RuntimeException> mayHaveWritten;

    /** A write; {@code uncertainSince} is when an earlier attempt that may have written started, or null. */
    @FunctionalInterface
    public interface Write<T> {
        T write(Instant uncertainSince);
    }

    public IdempotentCalls(Duration window, int maxEntries) {
        this(window, maxEntries, e -> false);
    }

    /** @param mayHaveWritten which failures leave it open whether the write happened */
    public IdempotentCalls(Duration window, int maxEntries, Predicate<RuntimeException> mayHaveWritten) {
        this.window = window;
        this.maxEntries = Math.max(1, maxEntries);
        this.mayHaveWritten = mayHaveWritten;
    }

    /** {@link #call(String, String, String, Write)} for a write that need not know of uncertain attempts. */
    public T call(String scope, String idempotencyKey, String fingerprint, Supplier<T> write) {
        return call(scope, idempotencyKey, fingerprint, (Write<T>) since -> write.get());
    }

    /**
     * The result of {@code write}, run once per scope and key within the window.
     *
     * @param fingerprint what identifies the body ({@link #fingerprint}); the same key with another one is 400
     */
    public T call(String scope, String idempotencyKey, String fingerprint, Write<T> write) {
        String id = scope + '\n' + idempotencyKey;
        String attempt = id + '\n' + fingerprint;
        Entry<T> mine = new Entry<>(fingerprint, new CompletableFuture<>(), clock.instant());
        Entry<T> existing;
        Instant uncertainSince;
        synchronized (entries) {
            evict(mine.at());
            uncertainSince = uncertain.get(attempt);
            existing = entries.get(id);
            if (existing == null) {
                entries.put(id, mine);
                while (entries.size() > maxEntries) {
                    Iterator<Map.Entry<String, Entry<T>>> eldest = entries.entrySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
            }
        }
        if (existing != null) {
            return repeat(existing, fingerprint);
        }
        try {
            T written = write.write(uncertainSince);
            synchronized (entries) {
                uncertain.remove(attempt);
            }
            mine.result().complete(written);
            return written;
        } catch (RuntimeException e) {
            synchronized (entries) {
                entries.remove(id, mine);
                if (mayHaveWritten.test(e)) {
                    uncertain.putIfAbsent(attempt, mine.at());
                    while (uncertain.size() > maxEntries) {
                        uncertain.remove(uncertain.keySet().iterator().next());
                    }
                }
            }
            mine.result().completeExceptionally(e);
            throw e;
        }
    }

    /** Entries held now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /**
     * SHA-256 in hex over the parts, each length-prefixed (byte arrays as they are, anything else as UTF-8 text,
     * null as empty): a body's identity without keeping the body.
     */
    public static String fingerprint(Object... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                byte[] bytes = part instanceof byte[] b ? b
                        : (part == null ? "" : part.toString()).getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T repeat(Entry<T> first, String fingerprint) {
        if (!first.fingerprint().equals(fingerprint)) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used for a different request.");
        }
        try {
            return first.result().get(WAIT_FOR_FIRST_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the first attempt failed; it is forgotten, so the next retry writes
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, "IN_PROGRESS",
                    "The first call with this Idempotency-Key is still running; retry later.",
                    IN_PROGRESS_RETRY_AFTER, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void evict(Instant now) {
        Instant horizon = now.minus(window);
        uncertain.values().removeIf(at -> !at.isAfter(horizon));
        Iterator<Entry<T>> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry<T> e = it.next();
            if (e.at().isAfter(horizon)) {
                return; // insertion order: the rest are younger
            }
            it.remove();
        }
    }

    private record Entry<T>(String fingerprint, CompletableFuture<T> result, Instant at) {
    }
}
