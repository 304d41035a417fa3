package ua.itdesk.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import ua.itdesk.sandbox.pki.Pki;

/**
 * A scriptable Jira for the client tests: HTTPS with the sandbox PKI's service certificate, canned answers per
 * method and path, and a record of every request. It is not the Jira stand-in of the sandbox (it knows no issues),
 * only enough to see what the client sends and how it copes with each answer. Every exchange, request and answer,
 * is checked against Atlassian's OpenAPI files by {@link JiraContract}; {@link #contractViolations()} lists what
 * did not conform.
 */
public final class FakeJira implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Map<String, Deque<Reply>> routes = new ConcurrentHashMap<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    private FakeJira(HttpsServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static FakeJira start(Pki pki) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(Pki.sslContext(pki.serviceCert(), pki.serviceKey(),
                    null)));
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "fake-jira");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            FakeJira fake = new FakeJira(server, executor);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** Forgets scripts, recorded exchanges and violations. */
    public void reset() {
        routes.clear();
        exchanges.clear();
        violations.clear();
    }

    /** Script the answers to {@code method path} (path without query). */
    public Route on(String method, String path) {
        return new Route(routes.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()));
    }

    /** Every request received, in order. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The requests for one method and path. */
    public List<Exchange> exchanges(String method, String path) {
        return exchanges.stream().filter(e -> e.method().equals(method) && e.path().equals(path)).toList();
    }

    /** What the reference OpenAPI files found wrong, one line per problem, naming the exchange. */
    public List<String> contractViolations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            String method = http.getRequestMethod();
            String path = http.getRequestURI().getRawPath();
            byte[] body = http.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>();
            http.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Map<String, List<String>> query = query(http.getRequestURI().getRawQuery());
            Reply scripted = next(method + " " + path);
            Exchange received = new Exchange(method, path, query, headers, body, scripted.status());
            Reply reply = scripted.answer() == null ? scripted
                    : new Reply(scripted.status(), scripted.headers(), scripted.answer().apply(received),
                            scripted.delay(), null);
            Exchange exchange = received;
            exchanges.add(exchange);
            check(exchange, reply);

            if (!reply.delay().isZero()) {
                sleep(reply.delay());
            }
            reply.headers().forEach((k, v) -> http.getResponseHeaders().add(k, v));
            byte[] out = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            if (out.length > 0) {
                http.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            }
            http.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                http.getResponseBody().write(out);
            }
        }
    }

    private Reply next(String route) {
        Deque<Reply> replies = routes.get(route);
        if (replies == null || replies.isEmpty()) {
            violations.add(route + ": no answer scripted");
            return new Reply(404, Map.of(), "{\"errorMessages\":[\"nothing scripted for " + route + "\"]}",
                    Duration.ZERO, null);
        }
        synchronized (replies) {
            return replies.size() > 1 ? replies.removeFirst() : replies.getFirst();
        }
    }

    private void check(Exchange exchange, Reply reply) {
        String contentType = exchange.header("content-type");
        boolean multipart = contentType != null && contentType.startsWith("multipart/");
        String requestBody = exchange.body().length == 0 ? null
                : new String(exchange.body(), multipart ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        List<String> problems = JiraContract.get().check(exchange.method(), exchange.path(), exchange.query(),
                contentType, requestBody, reply.status(), reply.body());
        problems.forEach(p -> violations.add(exchange.method() + " " + exchange.path() + " -> " + reply.status()
                + ": " + p));
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** The answers of one route: each scripted answer is given once, except the last, which repeats. */
    public static final class Route {

        private final Deque<Reply> replies;

        private Route(Deque<Reply> replies) {
            this.replies = replies;
        }

        public Route reply(int status, String body) {
            return reply(status, Map.of(), body);
        }

        public Route reply(int status, Map<String, String> headers, String body) {
            return add(new Reply(status, headers, body, Duration.ZERO, null));
        }

        /**
         * Answers with a body made from the request, for a fake that plays several people at once (a user search
         * answering per e-mail, a search answering per JQL). Repeats like any last answer.
         */
        public Route answer(int status, java.util.function.Function<Exchange, String> body) {
            return add(new Reply(status, Map.of(), null, Duration.ZERO, body));
        }

        /** Forgets the answers scripted so far for this route. */
        public Route clear() {
            synchronized (replies) {
                replies.clear();
            }
            return this;
        }

        /** Answers only after {@code delay}: longer than the client's read timeout, it is no answer at all. */
        public Route replyAfter(Duration delay, int status, String body) {
            return add(new Reply(status, Map.of(), body, delay, null));
        }

        private Route add(Reply reply) {
            synchronized (replies) {
                replies.addLast(reply);
            }
            return this;
        }
    }

    record Reply(int status, Map<String, String> headers, String body, Duration delay,
            java.util.function.Function<Exchange, String> answer) {
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request as Jira received it, and the status it was given. */
    public record Exchange(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, byte[] body, int status) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String param(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
