package ua.itdesk.agent.jira;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.config.AgentConfig.Jira.Flavour;

/**
 * Jira Service Management for the rest of the agent (P2, T1, T4, T5, T6, and the JQL behind T3 and Z3): request
 * types, customer requests raised on behalf of employees, public comments, attachments, knowledge base search, JQL
 * search, assignment and user look-up, on Data Center or Cloud as {@code agent.jira.flavour} says. Callers see the
 * same types on both.
 *
 * <p>Every method is a blocking call (run it on a worker thread) through {@link JiraGuard}'s time limit, retries and
 * circuit breaker, and is timed in {@code jira.calls{operation,outcome}}. Failures are {@link JiraException}s:
 * {@link JiraRejectedException} (and its {@link JiraNotFoundException}, {@link JiraAccessDeniedException}) when
 * Jira refused, {@link JiraUnavailableException} when it could not serve, {@link JiraNotConfiguredException} while
 * {@code agent.jira.url} is not set. Arguments that cannot be right (an issue key that is not a key, a blank
 * summary) are {@link IllegalArgumentException}s and never reach Jira.
 */
@ApplicationScoped
public class JiraClient {

    /** The fields a search returns unless told otherwise; Cloud returns only ids when none are named. */
    public static final List<String> ISSUE_FIELDS = List.of("summary", "status", "priority", "assignee", "reporter",
            "created", "updated", "resolutiondate");

    private static final Logger LOG = Logger.getLogger(JiraClient.class);

    /** Page sizes: Jira caps them anyway (50 to 100 for most lists); asking for more only hides the paging. */
    private static final int MAX_PAGE = 100;
    private static final int MAX_SEARCH_PAGE = 1000;
    private static final int REQUEST_TYPE_PAGE = 50;
    /** Guards against a Jira that never says "last page". */
    private static final int MAX_REQUEST_TYPE_PAGES = 20;
    private static final int MAX_QUERY = 255;
    private static final int MAX_FILE_NAME = 200;
    private static final int MAX_ATTACHMENTS = 20;
    private static final Pattern TEMPORARY_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");
    private static final Pattern OFFSET_TOKEN = Pattern.compile("[0-9]{1,9}");
    private static final Pattern CLOUD_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,4096}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@\"'\\\\<>()]{1,64}@[^\\s@\"'\\\\<>()]{1,189}");
    private static final Pattern UNSAFE_IN_FILE_NAME = Pattern.compile("[\\p{Cc}\\p{Cf}\"\\\\/:*?<>|]");

    private final AgentConfig.Jira config;
    private final JiraGuard guard;
    private final MeterRegistry metrics;
    private final JiraConnection connection;
    private volatile ServiceDesk serviceDesk;

    JiraClient(AgentConfig config, JiraGuard guard, MeterRegistry metrics) {
        this.config = config.jira();
        this.guard = guard;
        this.metrics = metrics;
        this.connection = JiraConnection.open(config.jira()).orElse(null);
    }

    /** Builds the connection at start-up, so that a half-configured Jira stops the agent with the key's name. */
    void announce(@Observes StartupEvent start) {
        if (connection == null) {
            LOG.warn("Jira not configured (agent.jira.url is not set): every Jira call will fail");
        } else {
            LOG.infof("Jira %s at %s, service desk %s, JQL dates in %s", connection.flavour, connection.url,
                    connection.serviceDeskId, connection.zone);
        }
    }

    /** Whether {@code agent.jira.url} is set; when not, every call throws {@link JiraNotConfiguredException}. */
    public boolean isConfigured() {
        return connection != null;
    }

    /** Data Center or Cloud. */
    public Flavour flavour() {
        return config.flavour();
    }

    /** A JQL builder that writes dates in the time zone of the agent's Jira account ({@code agent.jira.time-zone}). */
    public Jql.Builder jql() {
        return Jql.in(config.timeZone());
    }

    // ---- service desks and request types ----

    /** The service desks the agent's account can see. */
    public Page<ServiceDesk> serviceDesks(int start, int limit) {
        int s = start(start);
        int l = limit(limit, MAX_PAGE);
        return call(JiraOperation.SERVICE_DESKS, c -> c.jsm.serviceDesks(s, l));
    }

    /** The configured service desk ({@code agent.jira.service-desk-id}), read once and then kept. */
    public ServiceDesk serviceDesk() {
        ServiceDesk known = serviceDesk;
        if (known == null) {
            known = call(JiraOperation.SERVICE_DESK, c -> c.jsm.serviceDesk(c.serviceDeskId));
            serviceDesk = known;
        }
        return known;
    }

    /** One page of the configured service desk's request types. */
    public Page<RequestType> requestTypes(int start, int limit) {
        int s = start(start);
        int l = limit(limit, MAX_PAGE);
        return call(JiraOperation.REQUEST_TYPES, c -> c.jsm.requestTypes(c.serviceDeskId, s, l));
    }

    /** All request types of the configured service desk, page after page (one call per page). */
    public List<RequestType> allRequestTypes() {
        List<RequestType> all = new ArrayList<>();
        int start = 0;
        for (int page = 0; page < MAX_REQUEST_TYPE_PAGES; page++) {
            Page<RequestType> p = requestTypes(start, REQUEST_TYPE_PAGE);
            all.addAll(p.values());
            if (p.isLastPage() || p.values().isEmpty()) {
                return List.copyOf(all);
            }
            start = p.nextStart();
        }
        LOG.warnf("request types: stopped after %d pages without a last page", MAX_REQUEST_TYPE_PAGES);
        return List.copyOf(all);
    }

    /** The fields of a request type: which are required, the priorities it accepts, on-behalf-of permission. */
    public RequestTypeFields requestTypeFields(String requestTypeId) {
        String type = JiraText.numericId(requestTypeId, "request type id");
        return call(JiraOperation.REQUEST_TYPE_FIELDS, c -> c.jsm.requestTypeFields(c.serviceDeskId, type));
    }

    // ---- customer requests ----

    /**
     * Raises a customer request in the configured service desk on behalf of the employee (201). Not retried after
     * a 5xx other than 503 or a lost answer: see {@link JiraUnavailableException#mayHaveSucceeded()}.
     */
    public CustomerRequest createRequest(NewRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("summary", request.summary());
        if (request.description() != null) {
            fields.put("description", request.description());
        }
        if (request.priority() != null) {
            fields.put("priority", new JiraBodies.ByName(request.priority()));
        }
        return call(JiraOperation.CREATE_REQUEST, c -> c.jsm.createRequest(new JiraBodies.CreateRequest(
                c.serviceDeskId, request.requestTypeId(), fields, request.onBehalfOf())));
    }

    /** A customer request by key, with the optional parts asked for. */
    public CustomerRequest request(String issueKey, RequestExpand... expand) {
        String key = JiraText.issueKey(issueKey);
        String expansions = expand.length == 0 ? null
                : Arrays.stream(expand).map(RequestExpand::value).distinct().collect(Collectors.joining(","));
        return call(JiraOperation.GET_REQUEST, c -> c.jsm.request(key, expansions));
    }

    /**
     * The requests an employee reported in the configured service desk, newest first. Jira Service Management's own
     * request list shows only the calling account's requests, so this is JQL on the desk's project.
     */
    public IssuePage requestsReportedBy(String accountReference, int maxResults, String pageToken) {
        Jql query = jql().project(serviceDesk().projectKey()).reporter(accountReference)
                .orderBy(Jql.Field.CREATED, Jql.Order.DESC).build();
        return search(query, ISSUE_FIELDS, maxResults, pageToken);
    }

    // ---- comments and attachments ----

    /** Adds a comment the customer sees (T5, C4). Plain or wiki text; cut at 32,000 characters. */
    public Comment addPublicComment(String issueKey, String body) {
        return addPublicComment(issueKey, null, body);
    }

    /**
     * Adds a comment the customer sees that starts with a line of the agent's own ({@code heading}, null for none),
     * followed by the caller's text, cleaned; the whole cut at 32,000 characters. A text empty once cleaned is
     * refused whatever the heading.
     */
    public Comment addPublicComment(String issueKey, String heading, String body) {
        String key = JiraText.issueKey(issueKey);
        String text = JiraText.multiLine(body, NewRequest.MAX_TEXT - (heading == null ? 0 : heading.length() + 1));
        if (text == null) {
            throw new IllegalArgumentException("comment is empty");
        }
        String full = heading == null ? text : heading + "\n" + text;
        return call(JiraOperation.ADD_COMMENT, c -> c.jsm.addComment(key, new JiraBodies.NewComment(full, true)));
    }

    /**
     * The newest public comment written since {@code since} whose text is what {@link #addPublicComment(String,
     * String, String)} writes for this heading and body: how a retry finds the comment an attempt with a lost answer
     * wrote. Reads every page of the request's public comments (oldest first, as Jira lists them).
     */
    public Optional<Comment> publicCommentSince(String issueKey, String heading, String body, Instant since) {
        String text = JiraText.multiLine(body, NewRequest.MAX_TEXT - (heading == null ? 0 : heading.length() + 1));
        String full = heading == null ? text : heading + "\n" + text;
        Comment newest = null;
        int start = 0;
        Page<Comment> page;
        do {
            page = publicComments(issueKey, start, MAX_PAGE);
            for (Comment c : page.values()) {
                boolean recent = c.created() == null
                        || c.created().instant().map(at -> !at.isBefore(since)).orElse(true);
                if (c.isPublic() && recent && full != null && full.equals(c.body())) {
                    newest = c;
                }
            }
            start += page.values().size();
        } while (!page.isLastPage() && !page.values().isEmpty());
        return Optional.ofNullable(newest);
    }

    /** One page of the comments the customer can see. */
    public Page<Comment> publicComments(String issueKey, int start, int limit) {
        String key = JiraText.issueKey(issueKey);
        int s = start(start);
        int l = limit(limit, MAX_PAGE);
        return call(JiraOperation.LIST_COMMENTS, c -> c.jsm.comments(key, true, false, s, l));
    }

    /**
     * Uploads a file to the configured service desk as a temporary attachment; attach it with
     * {@link #attach(String, List, boolean)} before Jira discards it. Size and type limits are the caller's (S4).
     */
    public List<TemporaryAttachment> uploadTemporaryFile(String fileName, String mediaType, byte[] content) {
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException("file is empty");
        }
        String name = fileName(fileName);
        String type = mediaType != null && MEDIA_TYPE.matcher(mediaType.toLowerCase(Locale.ROOT)).matches()
                ? mediaType.toLowerCase(Locale.ROOT) : "application/octet-stream";
        return call(JiraOperation.UPLOAD_TEMPORARY_FILE, c -> {
            // a fresh form per attempt: a retry must send the bytes again
            ClientMultipartForm form = ClientMultipartForm.create()
                    .binaryFileUpload("file", name, Buffer.buffer(content), type);
            JiraBodies.TemporaryAttachments uploaded = c.jsm.attachTemporaryFile(c.serviceDeskId, form);
            return uploaded == null || uploaded.temporaryAttachments() == null ? List.<TemporaryAttachment>of()
                    : List.copyOf(uploaded.temporaryAttachments());
        });
    }

    /** Attaches uploaded files to a request, in a comment the customer sees when {@code visibleToCustomer}. */
    public AttachmentResult attach(String issueKey, List<String> temporaryAttachmentIds, boolean visibleToCustomer) {
        String key = JiraText.issueKey(issueKey);
        if (temporaryAttachmentIds == null || temporaryAttachmentIds.isEmpty()
                || temporaryAttachmentIds.size() > MAX_ATTACHMENTS) {
            throw new IllegalArgumentException("between 1 and " + MAX_ATTACHMENTS + " attachments");
        }
        List<String> ids = temporaryAttachmentIds.stream()
                .map(id -> JiraText.require(TEMPORARY_ID, id, "temporary attachment id")).toList();
        return call(JiraOperation.ATTACH_FILES, c -> c.jsm.attach(key, new JiraBodies.Attach(ids, visibleToCustomer)));
    }

    // ---- knowledge base ----

    /**
     * Knowledge base articles of the configured service desk that match a text (T6). The text is the employee's
     * own (a summary): it goes only into the query string, encoded, cut to one line of 255 characters.
     */
    public Page<Article> knowledgeBase(String text, int limit) {
        String query = JiraText.singleLine(text, MAX_QUERY, "query");
        int l = limit(limit, MAX_PAGE);
        return call(JiraOperation.KNOWLEDGE_BASE, c -> c.jsm.articles(c.serviceDeskId, query, false, 0, l));
    }

    // ---- platform: JQL, assignment, users ----

    /**
     * Runs a JQL query: Data Center {@code POST /rest/api/2/search} by offset, Cloud
     * {@code POST /rest/api/3/search/jql} by page token; both answer with an {@link IssuePage}. Only a {@link Jql}
     * can be searched, never a string.
     *
     * @param fields field ids to return ({@link #ISSUE_FIELDS} when null or empty)
     * @param pageToken null for the first page, then the previous page's {@link IssuePage#nextPageToken()}
     */
    public IssuePage search(Jql jql, List<String> fields, int maxResults, String pageToken) {
        if (jql == null) {
            throw new IllegalArgumentException("jql is required");
        }
        List<String> wanted = fields == null || fields.isEmpty() ? ISSUE_FIELDS
                : fields.stream().map(f -> JiraText.require(JiraText.FIELD_ID, f, "field id")).toList();
        int max = limit(maxResults, MAX_SEARCH_PAGE);
        // tokens are checked before the call, so that a bad one is the caller's error and never a Jira failure
        return switch (config.flavour()) {
            case DATA_CENTER -> {
                int startAt = pageToken == null ? 0
                        : Integer.parseInt(JiraText.require(OFFSET_TOKEN, pageToken, "page token"));
                yield call(JiraOperation.SEARCH, c -> searchByOffset(c, jql, wanted, max, startAt));
            }
            case CLOUD -> {
                String previous = pageToken == null ? null : JiraText.require(CLOUD_TOKEN, pageToken, "page token");
                yield call(JiraOperation.SEARCH, c -> searchByToken(c, jql, wanted, max, previous));
            }
        };
    }

    private static IssuePage searchByOffset(JiraConnection c, Jql jql, List<String> fields, int max, int startAt) {
        JiraBodies.OffsetResults found = c.platform.searchByOffset(
                new JiraBodies.OffsetSearch(jql.text(), startAt, max, fields));
        List<JiraIssue> issues = found.issues() == null ? List.of() : found.issues();
        int next = found.startAt() + issues.size();
        return new IssuePage(issues, issues.isEmpty() || next >= found.total() ? null : String.valueOf(next),
                found.total());
    }

    private static IssuePage searchByToken(JiraConnection c, Jql jql, List<String> fields, int max, String token) {
        JiraBodies.TokenResults found = c.platform.searchByToken(
                new JiraBodies.TokenSearch(jql.text(), token, max, fields));
        boolean last = Boolean.TRUE.equals(found.isLast()) || found.nextPageToken() == null;
        return new IssuePage(found.issues(), last ? null : found.nextPageToken(), null);
    }

    /** The Jira account the agent works with: the creator of every request it raises on an employee's behalf. */
    public JiraUser myself() {
        return call(JiraOperation.MYSELF, c -> switch (c.flavour) {
            case DATA_CENTER -> c.platform.myselfByName();
            case CLOUD -> c.platform.myselfByAccountId();
        });
    }

    /** Assigns an issue (204): by user name on Data Center, by accountId on Cloud. */
    public void assign(String issueKey, String accountReference) {
        String key = JiraText.issueKey(issueKey);
        String assignee = JiraText.account(accountReference);
        call(JiraOperation.ASSIGN, c -> {
            switch (c.flavour) {
                case DATA_CENTER -> c.platform.assignByName(key, new JiraBodies.AssigneeByName(assignee));
                case CLOUD -> c.platform.assignByAccountId(key, new JiraBodies.AssigneeByAccountId(assignee));
            }
            return null;
        });
    }

    /**
     * The active Jira user with this e-mail address (A4: the employee's Jira account). Jira's user search matches
     * more than e-mail, so a user counts only with exactly this address; Cloud may hide addresses, and then a single
     * active match is taken. Several candidates give none: guessing would file requests under someone else.
     */
    public Optional<JiraUser> userByEmail(String email) {
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        List<JiraUser> found = call(JiraOperation.FIND_USERS, c -> switch (c.flavour) {
            case DATA_CENTER -> c.platform.usersByUsername(email, 10);
            case CLOUD -> c.platform.usersByQuery(email, 10);
        });
        List<JiraUser> active = (found == null ? List.<JiraUser>of() : found).stream()
                .filter(u -> !Boolean.FALSE.equals(u.active()) && u.reference() != null).toList();
        List<JiraUser> exact = active.stream().filter(u -> email.equalsIgnoreCase(u.emailAddress())).toList();
        if (exact.size() == 1) {
            return Optional.of(exact.get(0));
        }
        boolean addressesHidden = active.stream().allMatch(u -> u.emailAddress() == null);
        if (exact.isEmpty() && addressesHidden && active.size() == 1) {
            return Optional.of(active.get(0));
        }
        if (exact.size() > 1 || active.size() > 1) {
            LOG.warnf("user search: %d candidates for one e-mail address, none taken", Math.max(exact.size(),
                    active.size()));
        }
        return Optional.empty();
    }

    /**
     * Reads the configured service desk once, straight through the HTTP timeouts and around {@link JiraGuard}: a
     * readiness probe must neither wait out retries nor count towards (or be refused by) the circuit breaker.
     * Throws what the REST client throws.
     */
    void probe() {
        if (connection == null) {
            throw new JiraNotConfiguredException(JiraOperation.SERVICE_DESK);
        }
        connection.jsm.serviceDesk(connection.serviceDeskId);
    }

    // ---- plumbing ----

    private <T> T call(JiraOperation operation, Function<JiraConnection, T> body) {
        long started = System.nanoTime();
        String outcome = "success";
        try {
            if (connection == null) {
                throw new JiraNotConfiguredException(operation);
            }
            return guard.call(operation, () -> body.apply(connection));
        } catch (JiraException e) {
            outcome = e.outcome();
            throw e;
        } catch (CircuitBreakerOpenException e) {
            outcome = "circuit-open";
            throw new JiraUnavailableException(operation, outcome, 0, "circuit open after repeated failures", null,
                    false, false, List.of(), Map.of(), e);
        } catch (TimeoutException e) {
            outcome = "timeout";
            LOG.warnf("jira call timed out: operation=%s", operation.tag());
            throw new JiraUnavailableException(operation, outcome, 0, "timed out", null, false,
                    !operation.idempotent(), List.of(), Map.of(), e);
        } catch (RuntimeException e) {
            outcome = "error";
            throw e;
        } finally {
            Timer.builder("jira.calls")
                    .description("Jira calls, including their retries")
                    .tag("operation", operation.tag())
                    .tag("outcome", outcome)
                    .register(metrics)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static int start(int start) {
        if (start < 0) {
            throw new IllegalArgumentException("start must not be negative");
        }
        return start;
    }

    private static int limit(int limit, int max) {
        return Math.max(1, Math.min(limit, max));
    }

    /** The last path segment, without characters that break a multipart header or a file system. */
    private static String fileName(String fileName) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = UNSAFE_IN_FILE_NAME.matcher(name).replaceAll("_").strip();
        if (name.isEmpty() || name.chars().allMatch(ch -> ch == '.')) {
            name = "file";
        }
        return name.length() <= MAX_FILE_NAME ? name : name.substring(name.length() - MAX_FILE_NAME);
    }
}
