package ua.itdesk.sandbox.jira;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/** A webhook endpoint for tests: records every POST and answers with scripted statuses (200 when none is left). */
final class WebhookReceiver implements AutoCloseable {

    record Received(Map<String, String> headers, String body, String clientCertificate) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final ArrayDeque<Integer> script = new ArrayDeque<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static WebhookReceiver http() {
        try {
            return new WebhookReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTPS that requires a client certificate trusted by {@code clientTrust}. */
    static WebhookReceiver httpsWithClientAuth(SSLContext serverContext) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
                @Override
                public void configure(HttpsParameters params) {
                    javax.net.ssl.SSLParameters p = getSSLContext().getDefaultSSLParameters();
                    p.setNeedClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            return new WebhookReceiver(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://localhost:" + server.getAddress().getPort() + "/jira/webhook");
    }

    /** The next answers, in order. */
    synchronized void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized void clear() {
        received.clear();
        script.clear();
    }

    /** Waits for a request that satisfies the condition; fails the test after the timeout. */
    synchronized Received await(Predicate<Received> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Received r : received) {
                if (condition.test(r)) {
                    return r;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching webhook within " + timeout + "; got " + received);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            String cert = null;
            if (exchange instanceof com.sun.net.httpserver.HttpsExchange https) {
                try {
                    cert = ((java.security.cert.X509Certificate) https.getSSLSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    cert = "unverified: " + e.getMessage();
                }
            }
            int status;
            synchronized (this) {
                received.add(new Received(headers, body, cert));
                Integer next = script.pollFirst();
                status = next == null ? 200 : next;
                notifyAll();
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
