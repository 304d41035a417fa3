package ua.itdesk.sandbox.jira;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import ua.itdesk.sandbox.http.NoDelay;
import ua.itdesk.sandbox.jira.JiraData.Issue;
import ua.itdesk.sandbox.http.StaticResources;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.pki.Pki;

/**
 * Jira Service Management stand-in over HTTPS, in memory: the JSM REST API ({@code /rest/servicedeskapi}) and the
 * platform calls an integration needs (JQL search, assignee, transitions, user search) in the Data Center flavour
 * (personal access token, users by name, {@code /rest/api/2/search} with startAt/total) or the Cloud flavour (API
 * token over Basic, accountIds, {@code /rest/api/3/search/jql} with nextPageToken). Shapes follow Atlassian's
 * OpenAPI files; see {@link RestApi} for the routes and {@link Jql} for the JQL it understands.
 *
 * <p>Seeded with one service desk (ITS, "IT Support"), seven request types, twelve knowledge-base articles, the
 * seeded staff (specialists and supervisors as agents, everyone as customers) and about six weeks of history in
 * which the specialists carry clearly different loads (see {@link #workloads()}). Changes are sent as Jira webhooks
 * when a target is configured. The control side (the methods below and {@code /sandbox/jira/api}, see
 * {@link ControlApi}) acts as a specialist, inspects everything and injects faults.
 */
public final class JiraStandIn implements AutoCloseable {

    /** The header an integration may send to tie its calls to one user action; recorded with each call. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private static final String PAGE = "/sandbox/jira/";
    private static final String PAGE_RESOURCES = "sandbox/web/jira";

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Past requests the launcher seeds: a few hundred, enough for the charts of {@code /stats} to mean something. */
    public static final int DEFAULT_PAST_REQUESTS = 360;

    /** Which Jira the stand-in plays. */
    public enum Flavour { DATA_CENTER, CLOUD }

    /**
     * How the stand-in runs. Start from {@link #dataCenter(String)} or {@link #cloud(String, String)}.
     *
     * @param credential        the personal access token (Data Center) or the API token (Cloud)
     * @param email             Cloud: the account the API token belongs to (the "user" of Basic auth)
     * @param webhookUrl        where webhooks go; null: none are sent
     * @param webhookSecret     HMAC secret for {@code X-Hub-Signature}; null: unsigned
     * @param webhookClientCert client certificate (PEM) for an HTTPS receiver that wants one
     * @param webhookClientKey  its private key (PEM); both or neither
     * @param webhookTrustedCa  the CA (PEM) that the receiver's certificate must chain to; null: JDK default trust
     * @param clock             the clock of every timestamp and of the seeded history
     * @param zone              the time zone of dates and JQL date values (Jira: the user's zone)
     * @param priorities        priority names, highest first (ids 1..n)
     * @param webhookRetryBase  first retry delay, doubled per retry up to 5 s
     * @param webhookMaxRetries retries after the first attempt (Jira: up to 5)
     * @param pastRequests      finished requests of the past six weeks seeded before the usual history, for
     *                          statistics (0: none; the launcher seeds {@link #DEFAULT_PAST_REQUESTS})
     */
    public record Options(Flavour flavour, String credential, String email, URI webhookUrl, String webhookSecret,
            Path webhookClientCert, Path webhookClientKey, Path webhookTrustedCa, Clock clock, ZoneId zone,
            List<String> priorities, Duration webhookRetryBase, int webhookMaxRetries, int pastRequests) {

        public Options {
            Objects.requireNonNull(flavour, "flavour");
            if (credential == null || credential.isBlank()) {
                throw new IllegalArgumentException("the Jira stand-in needs a credential to expect");
            }
            if (flavour == Flavour.CLOUD && (email == null || email.isBlank())) {
                throw new IllegalArgumentException("Jira Cloud authenticates e-mail and API token together");
            }
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(zone, "zone");
            priorities = List.copyOf(priorities);
            if (priorities.isEmpty()) {
                throw new IllegalArgumentException("at least one priority");
            }
            if (pastRequests < 0) {
                throw new IllegalArgumentException("pastRequests must not be negative");
            }
        }

        /** Data Center with a personal access token, sent as {@code Authorization: Bearer <token>}. */
        public static Options dataCenter(String personalAccessToken) {
            return new Options(Flavour.DATA_CENTER, personalAccessToken, null, null, null, null, null, null,
                    Clock.systemUTC(), ZoneId.of("Europe/Kyiv"), JiraSeed.DEFAULT_PRIORITIES, Duration.ofMillis(100),
                    5, 0);
        }

        /** Cloud with an API token, sent as {@code Authorization: Basic base64(email:token)}. */
        public static Options cloud(String email, String apiToken) {
            return new Options(Flavour.CLOUD, apiToken, email, null, null, null, null, null, Clock.systemUTC(),
                    ZoneId.of("Europe/Kyiv"), JiraSeed.DEFAULT_PRIORITIES, Duration.ofMillis(100), 5, 0);
        }

        /** Cloud for the integration's own account ({@code svc-itdesk@corp.example.com}). */
        public static Options cloud(String apiToken) {
            return cloud(JiraSeed.SERVICE_ACCOUNT_MAIL, apiToken);
        }

        public Options withWebhook(URI url, String secret) {
            return new Options(flavour, credential, email, url, secret, webhookClientCert, webhookClientKey,
                    webhookTrustedCa, clock, zone, priorities, webhookRetryBase, webhookMaxRetries, pastRequests);
        }

        /** For an HTTPS receiver: client certificate and key (both or neither) and the CA to trust (or null). */
        public Options withWebhookTls(Path clientCert, Path clientKey, Path trustedCa) {
            return new Options(flavour, credential, email, webhookUrl, webhookSecret, clientCert, clientKey,
                    trustedCa, clock, zone, priorities, webhookRetryBase, webhookMaxRetries, pastRequests);
        }

        public Options withClock(Clock clock) {
            return new Options(flavour, credential, email, webhookUrl, webhookSecret, webhookClientCert,
                    webhookClientKey, webhookTrustedCa, clock, zone, priorities, webhookRetryBase, webhookMaxRetries, pastRequests);
        }

        public Options withZone(ZoneId zone) {
            return new Options(flavour, credential, email, webhookUrl, webhookSecret, webhookClientCert,
                    webhookClientKey, webhookTrustedCa, clock, zone, priorities, webhookRetryBase, webhookMaxRetries, pastRequests);
        }

        public Options withPriorities(List<String> names) {
            return new Options(flavour, credential, email, webhookUrl, webhookSecret, webhookClientCert,
                    webhookClientKey, webhookTrustedCa, clock, zone, names, webhookRetryBase, webhookMaxRetries, pastRequests);
        }

        public Options withWebhookRetry(Duration base, int maxRetries) {
            return new Options(flavour, credential, email, webhookUrl, webhookSecret, webhookClientCert,
                    webhookClientKey, webhookTrustedCa, clock, zone, priorities, base, maxRetries, pastRequests);
        }

        public Options withPastRequests(int count) {
            return new Options(flavour, credential, email, webhookUrl, webhookSecret, webhookClientCert,
                    webhookClientKey, webhookTrustedCa, clock, zone, priorities, webhookRetryBase, webhookMaxRetries,
                    count);
        }

        /** The {@code Authorization} header value a client must send. */
        public String authorization() {
            return flavour == Flavour.CLOUD
                    ? "Basic " + Base64.getEncoder().encodeToString((email + ":" + credential)
                            .getBytes(StandardCharsets.UTF_8))
                    : "Bearer " + credential;
        }
    }

    /** Injected failures; {@code operation} null: any call. */
    private record Failure(int status, int remaining, Integer retryAfterSeconds, String operation) {
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Options options;
    private final JiraData data;
    private final Shapes shapes;
    private final RestApi api;
    private final Webhooks webhooks;
    private final byte[] expectedAuthorization;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final ArrayDeque<ApiCall> callLog = new ArrayDeque<>();
    private static final int MAX_LOGGED_CALLS = 1000;
    private static final int MAX_LOGGED_BODY = 4096;
    private final AtomicLong latencyMillis = new AtomicLong();
    private final Object faultLock = new Object();
    private Failure failure;
    private volatile boolean available = true;
    private volatile HttpServer console;

    private JiraStandIn(HttpsServer server, ExecutorService executor, Options options) {
        this.server = server;
        this.executor = executor;
        this.options = options;
        this.expectedAuthorization = options.authorization().getBytes(StandardCharsets.UTF_8);
        this.webhooks = options.webhookUrl() == null ? null
                : new Webhooks(options.webhookUrl(), options.webhookSecret(), webhookSsl(options),
                        options.webhookRetryBase(), options.webhookMaxRetries(),
                        options.clock().millis() % 1_000_000_000L * 10);
        this.data = new JiraData(JiraSeed.requestTypes(), JiraSeed.articles(),
                JiraSeed.priorities(options.priorities()), this::publish);
        String baseUrl = "https://localhost:" + server.getAddress().getPort();
        this.shapes = new Shapes(baseUrl, options.flavour(), options.zone(), options.clock(), data);
        synchronized (data) {
            JiraSeed.users(data, options.flavour() == Flavour.CLOUD ? options.email() : JiraSeed.SERVICE_ACCOUNT_MAIL);
            JiraSeed.pastRequests(data, options.clock().instant(), options.pastRequests());
            JiraSeed.history(data, options.clock().instant());
            JiraSeed.crowd(data, options.clock().instant());
        }
        String caller = JiraSeed.SERVICE_ACCOUNT;
        if (options.flavour() == Flavour.CLOUD) {
            caller = data.userByEmail(options.email()).map(u -> u.login).orElse(JiraSeed.SERVICE_ACCOUNT);
        }
        this.api = new RestApi(data, shapes, options, caller);
    }

    private static SSLContext webhookSsl(Options o) {
        if (o.webhookClientCert() == null && o.webhookTrustedCa() == null) {
            return null;
        }
        return Pki.sslContext(o.webhookClientCert(), o.webhookClientKey(), o.webhookTrustedCa());
    }

    /** Starts on loopback with the sandbox's service certificate; {@code port} 0 picks any free port. */
    public static JiraStandIn start(Pki pki, int port, Options options) {
        return start(pki, InetAddress.getLoopbackAddress(), port, options);
    }

    public static JiraStandIn start(Pki pki, InetAddress listenAddress, int port, Options options) {
        try {
            NoDelay.forHttpServers();
            HttpsServer server = HttpsServer.create(new InetSocketAddress(listenAddress, port), 128);
            server.setHttpsConfigurator(new HttpsConfigurator(
                    Pki.sslContext(pki.serviceCert(), pki.serviceKey(), null)));
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "jira-stand-in-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            JiraStandIn jira = new JiraStandIn(server, executor, options);
            ControlApi control = new ControlApi(jira);
            server.createContext("/", jira::handle);
            server.createContext(ControlApi.PREFIX, control::handle);
            server.createContext(PAGE.substring(0, PAGE.length() - 1), new StaticResources(PAGE, PAGE_RESOURCES));
            server.start();
            return jira;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- where and what

    /** {@code https://localhost:<port>}. */
    public String baseUrl() {
        return shapes.baseUrl();
    }

    /** The requests page over HTTPS (the sandbox CA's certificate, which browsers do not trust by default). */
    public String pageUrl() {
        return baseUrl() + PAGE;
    }

    /**
     * Serves the requests page and the control API also over plain HTTP on loopback, for browsers that do not trust
     * the sandbox CA; returns the page's address. The API side (what the agent calls) stays HTTPS only. Stops with
     * the stand-in.
     */
    public synchronized String startConsole(int port) {
        if (console != null) {
            throw new IllegalStateException("the console already listens on port " + console.getAddress().getPort());
        }
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            http.setExecutor(executor);
            ControlApi control = new ControlApi(this);
            http.createContext(ControlApi.PREFIX, control::handle);
            http.createContext(PAGE.substring(0, PAGE.length() - 1), new StaticResources(PAGE, PAGE_RESOURCES));
            http.createContext("/", new StaticResources(PAGE, PAGE_RESOURCES));
            http.start();
            console = http;
            return "http://127.0.0.1:" + http.getAddress().getPort() + PAGE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Flavour flavour() {
        return options.flavour();
    }

    public Options options() {
        return options;
    }

    /** The one service desk: {@code "1"}. */
    public String serviceDeskId() {
        return JiraData.SERVICE_DESK_ID;
    }

    /** Its project: {@code "ITS"}. */
    public String projectKey() {
        return JiraData.PROJECT_KEY;
    }

    /** The stable accountId of a seeded user name (login), as Cloud shows it. */
    public static String accountIdOf(String login) {
        return JiraSeed.accountIdFor(login);
    }

    /** The user name of the credential's owner, the author of everything done through the API. */
    public String serviceAccount() {
        return JiraSeed.SERVICE_ACCOUNT;
    }

    /** The request type ids with their names, in portal order. */
    public Map<String, String> requestTypes() {
        Map<String, String> m = new LinkedHashMap<>();
        data.requestTypes.forEach(t -> m.put(t.id(), t.name()));
        return m;
    }

    /** The customer portal link of a request, as in {@code _links.web}. */
    public String webUrl(String key) {
        synchronized (data) {
            return shapes.webUrl(issue(key));
        }
    }

    // ---------------------------------------------------------------- control: acting as a specialist

    /**
     * Moves a request to a status (by name, e.g. "In Progress", "Waiting for customer", "Resolved", or id) as an
     * agent; a webhook {@code jira:issue_updated} follows.
     */
    public void changeStatus(String key, String status, String asLogin) {
        synchronized (data) {
            Issue issue = issue(key);
            agent(asLogin);
            JiraData.Status to = JiraData.status(status)
                    .orElseThrow(() -> new IllegalArgumentException("unknown status " + status + "; one of "
                            + JiraData.STATUSES.stream().map(JiraData.Status::name).toList()));
            data.transition(issue, to, asLogin, options.clock().instant(), false);
        }
    }

    /** A public comment by an agent; a webhook {@code comment_created} follows. */
    public void addPublicComment(String key, String asLogin, String body) {
        addComment(key, asLogin, body, true);
    }

    /** A comment by anyone known (an agent or a customer); internal ones ({@code isPublic} false) by agents only. */
    public void addComment(String key, String asLogin, String body, boolean isPublic) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("a comment has a body");
        }
        synchronized (data) {
            Issue issue = issue(key);
            JiraData.User u = data.user(asLogin).orElseThrow(() -> new NoSuchElementException("no user " + asLogin));
            if (!isPublic && !u.agent) {
                throw new IllegalArgumentException(asLogin + " is not an agent and cannot comment internally");
            }
            data.comment(issue, u.login, body, isPublic, options.clock().instant(), false);
        }
    }

    /** Assigns to an agent (null: unassigns), done by {@code asLogin}; a webhook {@code jira:issue_updated} follows. */
    public void assign(String key, String assigneeLogin, String asLogin) {
        synchronized (data) {
            Issue issue = issue(key);
            agent(asLogin);
            String login = assigneeLogin == null ? null : agent(assigneeLogin).login;
            data.assign(issue, login, asLogin, options.clock().instant(), false);
        }
    }

    private Issue issue(String key) {
        return data.issue(key).orElseThrow(() -> new NoSuchElementException("no request " + key));
    }

    private JiraData.User agent(String login) {
        JiraData.User u = data.user(login).orElseThrow(() -> new NoSuchElementException("no user " + login));
        if (!u.agent) {
            throw new IllegalArgumentException(login + " is not an agent of the service desk");
        }
        return u;
    }

    // ---------------------------------------------------------------- control: looking

    /** Every request with its comments and attachments, oldest first. */
    public List<JiraRequest> requests() {
        synchronized (data) {
            return data.issues().stream().map(JiraStandIn::snapshot).toList();
        }
    }

    public Optional<JiraRequest> request(String key) {
        synchronized (data) {
            return data.issue(key).map(JiraStandIn::snapshot);
        }
    }

    private static JiraRequest snapshot(Issue i) {
        return new JiraRequest(i.key, Long.toString(i.id), i.requestTypeId, i.summary, i.description, i.status.name(),
                i.status.category().name(), i.priority == null ? null : i.priority.name(), i.reporter, i.assignee,
                i.created, i.updated, i.resolved,
                i.comments.stream().map(c -> new JiraRequest.Comment(Long.toString(c.id()), c.author(), c.body(),
                        c.isPublic(), c.created())).toList(),
                i.attachments.stream().map(a -> new JiraRequest.Attachment(Long.toString(a.id()), a.filename(),
                        a.mimeType(), a.content().clone(), a.author(), a.created())).toList(),
                i.creator);
    }

    /** T3's raw metrics per seeded specialist, as the data stands now. */
    public List<SpecialistWorkload> workloads() {
        Instant now = options.clock().instant();
        synchronized (data) {
            return SeedPeople.withRole("specialist").stream().map(SeedPerson::login).map(login -> {
                List<Issue> mine = data.issues().stream().filter(i -> login.equals(i.assignee)).toList();
                int open = (int) mine.stream().filter(i -> i.status.category() != JiraData.Category.DONE).count();
                List<Instant> resolved = mine.stream().map(i -> i.resolved).filter(Objects::nonNull).toList();
                int last7 = (int) resolved.stream().filter(t -> t.isAfter(now.minus(7, ChronoUnit.DAYS))).count();
                int last30 = (int) resolved.stream().filter(t -> t.isAfter(now.minus(30, ChronoUnit.DAYS))).count();
                Instant last = resolved.stream().max(Instant::compareTo).orElse(null);
                return new SpecialistWorkload(login, accountIdOf(login), open, last7, last30, resolved.size(), last);
            }).toList();
        }
    }

    /** Calls to one operation (the reference OpenAPI's operationId, e.g. "createCustomerRequest"). */
    public int callCount(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Every API call so far, whatever its outcome (control calls are not counted). */
    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public Map<String, Integer> callCounts() {
        Map<String, Integer> m = new TreeMap<>();
        calls.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public void resetCallCounts() {
        calls.clear();
        synchronized (callLog) {
            callLog.clear();
        }
    }

    /**
     * One API call as received, for tests that must tell whose call it was (for example a JQL search for one
     * reporter from a reconciliation's search by keys).
     *
     * @param query         the raw query string, null when none
     * @param body          the body's first {@value #MAX_LOGGED_BODY} bytes as UTF-8 ("" when none)
     * @param correlationId the caller's {@value #CORRELATION_HEADER} header, null when none: the agent passes on the
     *                      bot's id, so a test can follow one user action into Jira
     */
    public record ApiCall(String operation, String method, String path, String query, String body,
            String correlationId) {
    }

    /** The latest API calls since the last {@link #resetCallCounts()}, oldest first (at most 1,000 kept). */
    public List<ApiCall> apiCalls() {
        synchronized (callLog) {
            return List.copyOf(callLog);
        }
    }

    private void recordCall(ApiCall call) {
        synchronized (callLog) {
            if (callLog.size() == MAX_LOGGED_CALLS) {
                callLog.removeFirst();
            }
            callLog.addLast(call);
        }
    }

    /** Every webhook event so far with its attempts; empty when no target is configured. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks == null ? List.of() : webhooks.deliveries();
    }

    /**
     * Measurement hook (the benchmarks): told as each webhook event goes out for the first time, with
     * {@link System#nanoTime()} just before the POST; retries are not told again. Called on the sender's thread.
     */
    public void addWebhookListener(WebhookListener listener) {
        if (webhooks != null) {
            webhooks.addListener(listener);
        }
    }

    /** See {@link #addWebhookListener}. */
    @FunctionalInterface
    public interface WebhookListener {
        /** {@code body} is the JSON as sent. */
        void sending(String event, String issueKey, String body, long nanoTime);
    }

    /** Waits until no webhook is pending (delivered, failed or dropped); false on timeout. */
    public boolean awaitWebhooks(Duration timeout) {
        if (webhooks == null) {
            return true;
        }
        try {
            return webhooks.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---------------------------------------------------------------- control: faults

    /** Every API call waits this long before it is answered (zero: none). */
    public void injectLatency(Duration latency) {
        latencyMillis.set(Math.max(0, latency.toMillis()));
    }

    /**
     * The next {@code count} API calls answer {@code status} (429: with {@code Retry-After} when given and
     * {@code X-RateLimit-Reset}; 503: with {@code Retry-After} when given); count 0 clears.
     */
    public void failNext(int status, int count, Integer retryAfterSeconds) {
        failNext(status, count, retryAfterSeconds, null);
    }

    /**
     * Like {@link #failNext(int, int, Integer)}, for calls of one operation only (the reference's operationId, e.g.
     * {@code createCustomerRequest}); other calls go through meanwhile. Null: any operation.
     */
    public void failNext(int status, int count, Integer retryAfterSeconds, String operation) {
        if (status < 400 || status > 599 || count < 0) {
            throw new IllegalArgumentException("an error status (4xx, 5xx) and a count >= 0");
        }
        synchronized (faultLock) {
            failure = count == 0 ? null : new Failure(status, count, retryAfterSeconds, operation);
        }
    }

    /** The next {@code n} webhook events are never sent (as if Jira lost them). */
    public void dropNextWebhooks(int n) {
        if (webhooks != null) {
            webhooks.dropNext(n);
        }
    }

    /** false: every API call answers 503 with {@code Retry-After}, until set back. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    @Override
    public void close() {
        HttpServer http = console;
        if (http != null) {
            http.stop(0);
        }
        server.stop(0);
        if (webhooks != null) {
            webhooks.close();
        }
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- webhooks

    /** Called under the data lock for every change, in order. */
    private void publish(JiraData.Event e) {
        if (webhooks == null) {
            return;
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("timestamp", e.at().toEpochMilli());
        String event = switch (e.type()) {
            case ISSUE_CREATED -> "jira:issue_created";
            case ISSUE_UPDATED -> "jira:issue_updated";
            case COMMENT_CREATED -> "comment_created";
        };
        p.put("webhookEvent", event);
        Issue issue = e.issue();
        if (e.type() == JiraData.EventType.COMMENT_CREATED) {
            p.set("comment", shapes.platformComment(issue, e.comment(), 2));
            p.set("issue", shapes.issue(issue, List.of("summary", "status", "priority", "assignee", "reporter",
                    "issuetype", "project"), 2, false));
        } else {
            p.put("issue_event_type_name", e.eventTypeName());
            data.user(e.actor()).ifPresent(u -> p.set("user", shapes.platformUser(u)));
            p.set("issue", shapes.issue(issue, Shapes.ISSUE_FIELDS.stream().filter(f -> !f.equals("comment"))
                    .toList(), 2, false));
            if (e.type() == JiraData.EventType.ISSUE_UPDATED) {
                ObjectNode changelog = p.putObject("changelog");
                changelog.put("id", Long.toString(e.at().toEpochMilli() % 1_000_000_000L));
                ArrayNode items = changelog.putArray("items");
                for (JiraData.Change c : e.changes()) {
                    ObjectNode item = items.addObject();
                    item.put("field", c.field());
                    item.put("fieldtype", "jira");
                    item.put("fieldId", c.field());
                    boolean user = c.field().equals("assignee");
                    item.put("from", user ? shapes.userId(c.from()) : c.from());
                    item.put("fromString", c.fromText());
                    item.put("to", user ? shapes.userId(c.to()) : c.to());
                    item.put("toString", c.toText());
                }
            }
        }
        try {
            webhooks.publish(event, issue.key, JSON.writeValueAsBytes(p));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // ---------------------------------------------------------------- HTTP: API side

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            RestApi.Match match = api.match(method, path);
            calls.computeIfAbsent(match.operation(), k -> new AtomicInteger()).incrementAndGet();
            recordCall(new ApiCall(match.operation(), method, path, exchange.getRequestURI().getRawQuery(),
                    new String(body, 0, Math.min(body.length, MAX_LOGGED_BODY), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst(CORRELATION_HEADER)));
            long latency = latencyMillis.get();
            if (latency > 0) {
                try {
                    Thread.sleep(latency);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!available) {
                ApiError e = ApiError.forPath(path, 503, "Jira is unavailable (maintenance). Try again later.",
                        "sd.unavailable");
                Http.sendJson(exchange, 503, e.body(), Map.of("Retry-After", "5"));
                return;
            }
            Failure f = takeFailure(match.operation());
            if (f != null) {
                injectedFailure(exchange, path, f);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("WWW-Authenticate", options.flavour() == Flavour.CLOUD ? "Basic realm=\"protected-area\""
                        : "OAuth realm=\"" + baseUrl() + "\"");
                if (auth != null && options.flavour() == Flavour.DATA_CENTER) {
                    headers.put("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
                }
                ApiError e = path.startsWith("/rest/servicedeskapi")
                        ? ApiError.serviceDesk(401, "You are not logged in. Log in and try again.",
                                "sd.customer.notloggedin")
                        : ApiError.platform(401, "You are not authenticated. Authentication required to perform this"
                                + " operation.");
                Http.sendJson(exchange, 401, e.body(), headers);
                return;
            }
            if (match.route() == null) {
                if (match.pathKnown()) {
                    Http.send(exchange, 405, null, null, Map.of());
                } else {
                    Http.sendJson(exchange, 404, ApiError.forPath(path, 404, "null for uri: " + baseUrl() + path,
                            "sd.resource.not.found").body(), Map.of());
                }
                return;
            }
            RestApi.Reply reply;
            try {
                reply = api.invoke(match, new RestApi.Call(method, path,
                        Http.query(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders(), body,
                        match.groups()));
            } catch (ApiError e) {
                reply = RestApi.Reply.json(e.status(), e.body());
            } catch (RuntimeException e) {
                reply = RestApi.Reply.json(500, ApiError.forPath(path, 500, "Internal server error: " + e,
                        "sd.internal.error").body());
            }
            Http.send(exchange, reply.status(), reply.contentType(), reply.body(), reply.headers());
        }
    }

    private Failure takeFailure(String operation) {
        synchronized (faultLock) {
            Failure f = failure;
            if (f == null || f.operation() != null && !f.operation().equals(operation)) {
                return null;
            }
            failure = f.remaining() > 1
                    ? new Failure(f.status(), f.remaining() - 1, f.retryAfterSeconds(), f.operation()) : null;
            return f;
        }
    }

    private void injectedFailure(HttpExchange exchange, String path, Failure f) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (f.retryAfterSeconds() != null) {
            headers.put("Retry-After", Integer.toString(f.retryAfterSeconds()));
        }
        String message = "Injected failure " + f.status() + ".";
        if (f.status() == 429) {
            int seconds = f.retryAfterSeconds() == null ? 1 : f.retryAfterSeconds();
            headers.put("X-RateLimit-Limit", "100");
            headers.put("X-RateLimit-Remaining", "0");
            headers.put("X-RateLimit-Reset", options.clock().instant().plusSeconds(seconds)
                    .truncatedTo(ChronoUnit.SECONDS).toString());
            headers.put("RateLimit-Reason", "jira-burst-based");
            message = "Rate limit exceeded.";
        } else if (f.status() == 503) {
            message = "Service unavailable.";
        }
        Http.sendJson(exchange, f.status(), ApiError.forPath(path, f.status(), message, "sd.injected.failure").body(),
                headers);
    }

    // ---------------------------------------------------------------- for the control API

    ObjectNode requestView(JiraRequest r) {
        ObjectNode n = JSON.valueToTree(r);
        n.put("web", webUrl(r.key()));
        ArrayNode attachments = n.putArray("attachments");
        for (JiraRequest.Attachment a : r.attachments()) {
            attachments.addObject().put("id", a.id()).put("filename", a.filename()).put("mimeType", a.mimeType())
                    .put("size", a.content().length).put("author", a.author()).put("created", a.created().toString());
        }
        return n;
    }

    /** The workflow's statuses in order, for the page's status buttons. */
    static ArrayNode statusesView() {
        ArrayNode a = JSON.createArrayNode();
        JiraData.STATUSES.forEach(s -> a.addObject().put("name", s.name()).put("category", s.category().name())
                .put("transition", s.transitionName()));
        return a;
    }

    /** The faults in force now. */
    ObjectNode faultsView() {
        ObjectNode n = JSON.createObjectNode();
        n.put("available", available);
        n.put("latencyMillis", latencyMillis.get());
        synchronized (faultLock) {
            if (failure == null) {
                n.putNull("failNext");
            } else {
                n.putObject("failNext").put("status", failure.status()).put("remaining", failure.remaining())
                        .put("operation", failure.operation());
            }
        }
        n.put("dropNextWebhooks", webhooks == null ? 0 : webhooks.droppingNext());
        return n;
    }

    ArrayNode usersView() {
        ArrayNode a = JSON.createArrayNode();
        synchronized (data) {
            for (JiraData.User u : data.usersByLogin.values()) {
                a.addObject().put("name", u.login).put("accountId", u.accountId).put("displayName", u.displayName)
                        .put("emailAddress", u.email).put("active", u.active).put("agent", u.agent)
                        .put("serviceAccount", u.login.equals(JiraSeed.SERVICE_ACCOUNT));
            }
        }
        return a;
    }
}
