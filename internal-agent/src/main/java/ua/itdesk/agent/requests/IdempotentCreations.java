package ua.itdesk.agent.requests;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.RequestSummary;

/**
 * Creations remembered by employee and {@code Idempotency-Key} for {@code agent.requests.idempotency-window}, at
 * most {@code agent.requests.idempotency-max-entries} (the oldest are forgotten first). A repeat returns the first
 * result; a repeat while the first is still running waits for it; a repeat with a different body is refused. A
 * failed creation is forgotten, so the bot's retry creates. Held in memory: it covers one agent instance and does
 * not survive a restart.
 */
@ApplicationScoped
class IdempotentCreations {

    private static final long WAIT_FOR_FIRST_SECONDS = 60;

    private final Duration window;
    private final int maxEntries;
    private final Clock clock = Clock.systemUTC();
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    @Inject
    IdempotentCreations(AgentConfig config) {
        this(config.requests().idempotencyWindow(), config.requests().idempotencyMaxEntries());
    }

    IdempotentCreations(Duration window, int maxEntries) {
        this.window = window;
        this.maxEntries = Math.max(1, maxEntries);
    }

    RequestSummary create(String employeeId, String idempotencyKey, String fingerprint,
            Supplier<RequestSummary> creation) {
        String id = employeeId + '\n' + idempotencyKey;
        Entry mine = new Entry(fingerprint, new CompletableFuture<>(), clock.instant());
        Entry existing;
        synchronized (entries) {
            evict(mine.at());
            existing = entries.get(id);
            if (existing == null) {
                entries.put(id, mine);
                while (entries.size() > maxEntries) {
                    Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
            }
        }
        if (existing != null) {
            return repeat(existing, fingerprint);
        }
        try {
            RequestSummary created = creation.get();
            mine.result().complete(created);
            return created;
        } catch (RuntimeException e) {
            synchronized (entries) {
                entries.remove(id, mine);
            }
            mine.result().completeExceptionally(e);
            throw e;
        }
    }

    /** Entries held now. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static RequestSummary repeat(Entry first, String fingerprint) {
        if (!first.fingerprint().equals(fingerprint)) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used for a different request.");
        }
        try {
            return first.result().get(WAIT_FOR_FIRST_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the first attempt failed; it is forgotten, so the next retry creates
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, "CREATION_IN_PROGRESS",
                    "The request is still being created; retry later.", JiraCalls.DEFAULT_RETRY_AFTER, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void evict(Instant now) {
        Instant horizon = now.minus(window);
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.at().isAfter(horizon)) {
                return; // insertion order: the rest are younger
            }
            it.remove();
        }
    }

    private record Entry(String fingerprint, CompletableFuture<RequestSummary> result, Instant at) {
    }
}
