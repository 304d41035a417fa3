package ua.itdesk.bot.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import ua.itdesk.contracts.v1.Problem;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.sandbox.pki.Pki;

/**
 * A stand-in for the internal agent in the bot's own tests: HTTPS with the agent's certificate, the bot's client
 * certificate required (as the real agent does), and answers that each test scripts per route. It proves what the
 * bot does with the agent's answers (the v1 contract); that the real agent gives them is proven by the agent's tests
 * and the end-to-end tests. A route nobody scripted answers 503 {@code dependency-unavailable}.
 */
public final class FakeAgent implements AutoCloseable {

    /** What one call carried. */
    public record Call(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    /** A scripted answer: status and a body object serialized as JSON (null: no body). */
    public record Answer(int status, Object body, Map<String, String> headers) {
        public static Answer json(Object body) {
            return new Answer(200, body, Map.of());
        }

        public static Answer problem(ProblemType type, String detail) {
            return new Answer(type.status(), new Problem(type.uri(), type.title(), type.status(), detail, null),
                    type == ProblemType.DEPENDENCY_UNAVAILABLE ? Map.of("Retry-After", "1") : Map.of());
        }
    }

    /** Scripts one route: gets the call and the path's regex groups. */
    @FunctionalInterface
    public interface Route {
        Answer answer(Call call, Matcher path) throws Exception;
    }

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private FakeAgent(HttpsServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port with the agent's certificate, requiring a client certificate of the CA. */
    public static FakeAgent start(Pki pki) {
        try {
            SSLContext tls = Pki.sslContext(pki.agentCert(), pki.agentKey(), pki.caCert());
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    var parameters = tls.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(true);
                    params.setSSLParameters(parameters);
                }
            });
            FakeAgent agent = new FakeAgent(server);
            server.createContext("/", agent::handle);
            server.setExecutor(agent.executor);
            server.start();
            return agent;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts {@code method} on paths matching {@code pathRegex} (whole path, without the query). */
    public FakeAgent on(String method, String pathRegex, Route route) {
        routes.put(method + " " + pathRegex, route);
        return this;
    }

    /** Forgets every script and recorded call. */
    public void reset() {
        routes.clear();
        calls.clear();
    }

    /** The calls received so far, oldest first. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return calls.stream().filter(c -> c.method().equals(method) && p.matcher(c.path()).matches()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Call call = new Call(method, path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            calls.add(call);
            Answer answer = Answer.problem(ProblemType.DEPENDENCY_UNAVAILABLE, "not scripted: " + method + " " + path);
            for (Map.Entry<String, Route> e : routes.entrySet()) {
                int space = e.getKey().indexOf(' ');
                if (!e.getKey().substring(0, space).equals(method)) {
                    continue;
                }
                Matcher m = Pattern.compile(e.getKey().substring(space + 1)).matcher(path);
                if (m.matches()) {
                    answer = e.getValue().answer(call, m);
                    break;
                }
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (answer.body() == null) {
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            byte[] out = JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().add("Content-Type",
                    answer.body() instanceof Problem ? Problem.MEDIA_TYPE : "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
        } catch (Exception e) {
            // a broken script shows in the test's own assertions; the bot sees a dropped connection
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
