package ua.itdesk.sandbox.jira;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import ua.itdesk.sandbox.jira.WebhookDelivery.Outcome;

/**
 * Jira's webhook sender: one event at a time, in order, on its own thread. Each POST carries
 * {@code X-Atlassian-Webhook-Identifier} (stable across retries) and, with a secret,
 * {@code X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)>}; retries carry {@code X-Atlassian-Webhook-Retry}.
 * 408, 409, 425, 429, 5xx and connection failures are retried with exponential backoff (a receiver's Retry-After, up
 * to 5 s, is honoured when longer); other answers and exhausted retries fail the event, and the next one goes.
 */
final class Webhooks implements AutoCloseable {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final URI target;
    private final byte[] secret;
    private final HttpClient client;
    private final Duration retryBase;
    private final int maxRetries;
    private final Thread thread;
    private final Object lock = new Object();
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private final List<Entry> all = new ArrayList<>();
    private final List<JiraStandIn.WebhookListener> listeners = new CopyOnWriteArrayList<>();
    private int dropNext;
    private long nextIdentifier;
    private boolean closed;

    private static final class Entry {
        final String identifier;
        final String event;
        final String issueKey;
        final byte[] body;
        final List<Integer> attempts = new ArrayList<>();
        Outcome outcome = Outcome.PENDING;

        Entry(String identifier, String event, String issueKey, byte[] body) {
            this.identifier = identifier;
            this.event = event;
            this.issueKey = issueKey;
            this.body = body;
        }

        WebhookDelivery snapshot() {
            return new WebhookDelivery(identifier, event, issueKey, new String(body, StandardCharsets.UTF_8),
                    List.copyOf(attempts), outcome);
        }
    }

    /** {@code sslContext} null: the JDK's default trust (or plain http). */
    Webhooks(URI target, String secret, SSLContext sslContext, Duration retryBase, int maxRetries,
            long firstIdentifier) {
        this.target = target;
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        this.client = b.build();
        this.retryBase = retryBase;
        this.maxRetries = maxRetries;
        this.nextIdentifier = firstIdentifier;
        this.thread = new Thread(this::run, "jira-webhooks");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues an event (or drops it, while a drop is injected). */
    void publish(String event, String issueKey, byte[] body) {
        synchronized (lock) {
            Entry e = new Entry(Long.toString(nextIdentifier++), event, issueKey, body);
            all.add(e);
            if (dropNext > 0) {
                dropNext--;
                e.outcome = Outcome.DROPPED;
            } else {
                queue.addLast(e);
            }
            lock.notifyAll();
        }
    }

    void addListener(JiraStandIn.WebhookListener listener) {
        listeners.add(listener);
    }

    void dropNext(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a count is not negative: " + n);
        }
        synchronized (lock) {
            dropNext = n;
        }
    }

    /** How many of the next events will be dropped. */
    int droppingNext() {
        synchronized (lock) {
            return dropNext;
        }
    }

    List<WebhookDelivery> deliveries() {
        synchronized (lock) {
            return all.stream().map(Entry::snapshot).toList();
        }
    }

    /** Waits until nothing is pending; false on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (all.stream().anyMatch(e -> e.outcome == Outcome.PENDING)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean retryable(int status) {
        return status < 0 || status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
    }

    private void run() {
        while (true) {
            Entry e;
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                e = queue.peekFirst();
            }
            try {
                deliver(e);
            } catch (InterruptedException ex) {
                return;
            }
            synchronized (lock) {
                queue.removeFirst();
                lock.notifyAll();
            }
        }
    }

    private void deliver(Entry e) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .header("User-Agent", "Atlassian Webhook HTTP Client")
                    .header("X-Atlassian-Webhook-Identifier", e.identifier)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(e.body));
            if (secret != null) {
                request.header("X-Hub-Signature", signature(secret, e.body));
            }
            if (attempt > 0) {
                request.header("X-Atlassian-Webhook-Retry", Integer.toString(attempt));
            }
            if (attempt == 0 && !listeners.isEmpty()) {
                long now = System.nanoTime();
                String body = new String(e.body, StandardCharsets.UTF_8);
                listeners.forEach(l -> l.sending(e.event, e.issueKey, body, now));
            }
            int status;
            Optional<String> retryAfter = Optional.empty();
            try {
                HttpResponse<Void> r = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                status = r.statusCode();
                retryAfter = r.headers().firstValue("Retry-After");
            } catch (IOException | IllegalArgumentException ex) {
                status = -1;
            }
            boolean done = status >= 200 && status < 300;
            synchronized (lock) {
                e.attempts.add(status);
                if (done) {
                    e.outcome = Outcome.DELIVERED;
                } else if (!retryable(status) || attempt >= maxRetries) {
                    e.outcome = Outcome.FAILED;
                }
                lock.notifyAll();
                if (e.outcome != Outcome.PENDING) {
                    return;
                }
            }
            long backoff = Math.min(MAX_BACKOFF.toMillis(), retryBase.toMillis() << Math.min(attempt, 16));
            long asked = retryAfter.map(Webhooks::seconds).orElse(0L) * 1000;
            Thread.sleep(Math.max(backoff, Math.min(asked, MAX_BACKOFF.toMillis())));
        }
    }

    private static long seconds(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        thread.interrupt();
    }
}
