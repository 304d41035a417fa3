package ua.itdesk.sandbox.hr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ua.itdesk.sandbox.http.NoDelay;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.pki.Pki;

/**
 * HR system stand-in over HTTPS: {@code GET /api/v1/employees/{employeeId}} with {@code Authorization: Bearer
 * <apiKey>}. Seeded from {@link SeedPeople}; people without an HR status are unknown here.
 */
public final class HrStandIn implements AutoCloseable {

    private static final String PATH = "/api/v1/employees/";
    private static final int MAX_LOOKUPS = 1000;
    private static final Set<String> STATUSES = Set.of("ACTIVE", "ON_LEAVE", "TERMINATED");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpsServer server;
    private final ExecutorService executor;
    private final byte[] expectedAuthorization;
    private final Map<String, Employee> employees = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ArrayDeque<Lookup> lookups = new ArrayDeque<>();
    private volatile boolean available = true;

    /**
     * One authorized employee lookup as received, found or not.
     *
     * @param correlationId the caller's {@code X-Correlation-Id} header, null when none: the agent passes on the
     *                      bot's id, so a test can follow a login into HR
     */
    public record Lookup(String employeeId, String correlationId) {
    }

    private record Employee(String employeeId, String fullName, String position, String department, String status) {
    }

    private HrStandIn(HttpsServer server, ExecutorService executor, String apiKey) {
        this.server = server;
        this.executor = executor;
        this.expectedAuthorization = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
        for (SeedPerson p : SeedPeople.all()) {
            if (p.hrStatus() != null) {
                employees.put(p.employeeId(),
                        new Employee(p.employeeId(), p.fullName(), p.position(), p.department(), p.hrStatus()));
            }
        }
    }

    /** Starts on loopback with the service certificate; {@code port} 0 picks any free port. */
    public static HrStandIn start(Pki pki, int port, String apiKey) {
        return start(pki, InetAddress.getLoopbackAddress(), port, apiKey);
    }

    public static HrStandIn start(Pki pki, InetAddress listenAddress, int port, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the HR stand-in needs an API key");
        }
        try {
            NoDelay.forHttpServers();
            HttpsServer server = HttpsServer.create(new InetSocketAddress(listenAddress, port), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(Pki.sslContext(pki.serviceCert(), pki.serviceKey(), null)));
            ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "hr-stand-in");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            HrStandIn hr = new HrStandIn(server, executor, apiKey);
            server.createContext("/", hr::handle);
            server.start();
            return hr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code https://localhost:<port>}. */
    public String baseUrl() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** ACTIVE, ON_LEAVE or TERMINATED; a person absent from HR is added with the seed's name and position. */
    public void setStatus(String employeeId, String status) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("HR status must be one of " + STATUSES + ": " + status);
        }
        employees.compute(employeeId, (id, e) -> {
            if (e != null) {
                return new Employee(id, e.fullName(), e.position(), e.department(), status);
            }
            SeedPerson p = SeedPeople.byEmployeeId(id);
            return new Employee(id, p.fullName(), p.position(), p.department(), status);
        });
    }

    /** The employee disappears from HR: 404 from now on. */
    public void remove(String employeeId) {
        employees.remove(employeeId);
    }

    /** false: every call answers 503. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** Calls received so far, whatever their outcome. */
    public int requestCount() {
        return requests.get();
    }

    /** The latest employee lookups, oldest first (at most {@value #MAX_LOOKUPS} kept). */
    public List<Lookup> lookups() {
        synchronized (lookups) {
            return List.copyOf(lookups);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (!available) {
                exchange.getResponseHeaders().set("Retry-After", "5");
                send(exchange, 503, error("unavailable"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(PATH) || path.length() == PATH.length() || path.indexOf('/', PATH.length()) >= 0) {
                send(exchange, 404, error("not_found"));
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"hr\"");
                send(exchange, 401, error("unauthorized"));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, error("method_not_allowed"));
                return;
            }
            String employeeId = path.substring(PATH.length());
            synchronized (lookups) {
                if (lookups.size() == MAX_LOOKUPS) {
                    lookups.removeFirst();
                }
                lookups.addLast(new Lookup(employeeId, exchange.getRequestHeaders().getFirst("X-Correlation-Id")));
            }
            Employee e = employees.get(employeeId);
            if (e == null) {
                send(exchange, 404, error("not_found"));
                return;
            }
            send(exchange, 200, JSON.writeValueAsBytes(e));
        }
    }

    private static byte[] error(String code) {
        ObjectNode node = JSON.createObjectNode().put("error", code);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
