package ua.itdesk.agent.requests;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.assignment.AutoAssignment;
import ua.itdesk.agent.assignment.CreatedRequest;
import ua.itdesk.agent.audit.AuditLog;
import ua.itdesk.agent.audit.AuditLog.Outcome;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.jira.Article;
import ua.itdesk.agent.jira.Comment;
import ua.itdesk.agent.jira.CustomerRequest;
import ua.itdesk.agent.jira.IssuePage;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraDate;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraRejectedException;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.agent.jira.Jql;
import ua.itdesk.agent.jira.ServiceDesk;
import ua.itdesk.agent.jira.TemporaryAttachment;
import ua.itdesk.contracts.v1.AttachmentReceipt;
import ua.itdesk.contracts.v1.Category;
import ua.itdesk.contracts.v1.KnowledgeArticle;
import ua.itdesk.contracts.v1.NewComment;
import ua.itdesk.contracts.v1.NewRequest;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.PublicComment;
import ua.itdesk.contracts.v1.RequestDetail;
import ua.itdesk.contracts.v1.RequestPage;
import ua.itdesk.contracts.v1.RequestSummary;
import ua.itdesk.contracts.v1.RequestsApi;

/**
 * The request flows for one employee (T1, T4, T5, T6) on top of {@link JiraClient}, with the per-person rule of
 * Z2: an employee reaches only requests they reported, a specialist or supervisor also those assigned to them.
 * Someone else's request is answered like a missing one (404) and audited, so keys cannot be probed.
 */
@ApplicationScoped
class RequestsService {

    static final String NOT_FOUND = "No such request.";
    private static final Pattern ISSUE_KEY = Pattern.compile(RequestsApi.ISSUE_KEY);
    private static final int MAX_COMMENTS = 50;

    private final JiraClient jira;
    private final CallerAccounts accounts;
    private final CategoryCache categories;
    private final IdempotentCreations creations;
    private final Priorities priorities;
    private final AutoAssignment assignment;
    private final AuditLog audit;
    private final int pageSize;
    /** Who each comment the agent writes is for, so its event names the employee and not the agent's account. */
    @jakarta.inject.Inject
    ua.itdesk.agent.jira.CommentAuthors commentAuthors;
    private final String browseBase;

    RequestsService(JiraClient jira, CallerAccounts accounts, CategoryCache categories,
            IdempotentCreations creations, Priorities priorities, AutoAssignment assignment, AuditLog audit,
            AgentConfig config) {
        this.jira = jira;
        this.accounts = accounts;
        this.categories = categories;
        this.creations = creations;
        this.priorities = priorities;
        this.assignment = assignment;
        this.audit = audit;
        this.pageSize = Math.max(1, Math.min(config.requests().pageSize(), 100));
        this.browseBase = config.jira().url().map(URI::toString).map(u -> u.endsWith("/") ? u : u + "/")
                .map(u -> u + "browse/").orElse(null);
    }

    List<Category> categories() {
        return categories.categories();
    }

    RequestSummary create(Caller caller, String idempotencyKey, NewRequest request) {
        String account = accounts.of(caller);
        return creations.create(caller.employeeId(), idempotencyKey, fingerprint(request), () -> {
            Category category = categories.find(request.categoryId()).orElseThrow(() -> new ApiException(
                    ProblemType.INVALID_REQUEST, "UNKNOWN_CATEGORY",
                    "categoryId is not one of the service desk's categories."));
            ua.itdesk.agent.jira.NewRequest toJira = JiraCalls.call(() -> new ua.itdesk.agent.jira.NewRequest(
                    request.categoryId(), request.summary(), request.description(),
                    priorities.jiraName(request.priority()), account));
            // checked on the cleaned text: one of only spaces or control characters is none
            if (category.descriptionRequired() && toJira.description() == null) {
                audit.request("create", Outcome.INVALID, "DESCRIPTION_REQUIRED", caller.employeeId(), null);
                throw new ApiException(ProblemType.INVALID_REQUEST, "DESCRIPTION_REQUIRED",
                        "This category needs a description.");
            }
            CustomerRequest created;
            try {
                created = JiraCalls.call(() -> jira.createRequest(toJira));
            } catch (ApiException e) {
                audit.request("create", e.kind() == ProblemType.DEPENDENCY_UNAVAILABLE ? Outcome.UNAVAILABLE
                        : Outcome.INVALID, e.reason(), caller.employeeId(), null);
                throw e;
            }
            audit.request("create", Outcome.SUCCESS, null, caller.employeeId(), created.issueKey());
            RequestSummary summary = new RequestSummary(created.issueKey(),
                    created.summary() != null ? created.summary() : toJira.summary(),
                    created.currentStatus() == null ? null : created.currentStatus().status(), request.priority(),
                    instant(created.createdDate()).orElseGet(Instant::now), webLink(created));
            // here, not after the idempotent wrapper: a repeat returns the first answer and must not assign again
            assignment.assignLater(new CreatedRequest(summary.key(), summary.summary(), summary.priority(),
                    summary.status(), summary.webLink(), caller.employeeId(), summary.created()));
            return summary;
        });
    }

    RequestPage mine(Caller caller, String cursor) {
        String account = accounts.of(caller);
        String token = Cursors.decode(cursor);
        IssuePage page = JiraCalls.call(() -> jira.requestsReportedBy(account, pageSize, token));
        // the query already asks for this reporter only; the filter keeps it so whatever Jira answers
        return page(page, issue -> same(account, issue.fields() == null ? null : issue.fields().reporter()));
    }

    RequestPage assigned(Caller caller, String cursor) {
        if (!caller.role().handlesRequests()) {
            throw new ApiException(ProblemType.FORBIDDEN, "NOT_A_SPECIALIST",
                    "This call is not allowed for this person.");
        }
        String account = accounts.of(caller);
        String token = Cursors.decode(cursor);
        ServiceDesk desk = JiraCalls.call(jira::serviceDesk);
        Jql query = JiraCalls.call(() -> jira.jql().project(desk.projectKey()).assignees(List.of(account))
                .orderBy(Jql.Field.CREATED, Jql.Order.DESC).build());
        IssuePage page = JiraCalls.call(() -> jira.search(query, JiraClient.ISSUE_FIELDS, pageSize, token));
        return page(page, issue -> same(account, issue.fields() == null ? null : issue.fields().assignee()));
    }

    RequestDetail detail(Caller caller, String key) {
        JiraIssue issue = authorize(caller, key, "detail");
        CustomerRequest request = found(caller, key, "detail", () -> jira.request(key));
        List<PublicComment> comments = found(caller, key, "detail",
                () -> jira.publicComments(key, 0, MAX_COMMENTS)).values().stream()
                .filter(Comment::isPublic)
                .map(RequestsService::comment).toList();
        JiraIssue.Fields f = issue.fields();
        return new RequestDetail(key, f.summary(), status(f), priority(f),
                f.created() == null ? null : f.created().toInstant(), webLink(request),
                request.text("description").orElse(null), name(f.reporter()), name(f.assignee()), comments);
    }

    PublicComment comment(Caller caller, String key, NewComment comment) {
        authorize(caller, key, "comment");
        Comment added = found(caller, key, "comment", () -> jira.addPublicComment(key, comment.body()));
        commentAuthors.record(added.id(), caller.employeeId());
        audit.request("comment", Outcome.SUCCESS, null, caller.employeeId(), key);
        return comment(added);
    }

    /**
     * Reads the file into memory, bounded by {@link RequestsApi#MAX_ATTACHMENT_BYTES} (Jira's upload needs the
     * length; nothing is written to disk), then uploads it as a temporary attachment and attaches it, visible to the
     * requester.
     */
    AttachmentReceipt attach(Caller caller, String key, String fileName, String contentType, InputStream content) {
        String type = mediaType(contentType);
        if (!RequestsApi.ATTACHMENT_TYPES.contains(type)) {
            audit.request("attach", Outcome.INVALID, "MEDIA_TYPE", caller.employeeId(), key);
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "MEDIA_TYPE",
                    "Files of this type cannot be attached.");
        }
        String name = URLDecoder.decode(fileName, StandardCharsets.UTF_8);
        byte[] bytes = bounded(content, caller, key);
        authorize(caller, key, "attach");
        List<TemporaryAttachment> uploaded = found(caller, key, "attach",
                () -> jira.uploadTemporaryFile(name, type, bytes));
        if (uploaded.isEmpty()) {
            throw new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, "NO_TEMPORARY_ATTACHMENT",
                    "Jira did not take the file.");
        }
        found(caller, key, "attach", () -> jira.attach(key,
                uploaded.stream().map(TemporaryAttachment::temporaryAttachmentId).toList(), true));
        audit.request("attach", Outcome.SUCCESS, null, caller.employeeId(), key);
        return new AttachmentReceipt(uploaded.get(0).fileName() != null ? uploaded.get(0).fileName() : name,
                bytes.length);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(java.util.Locale.ROOT);
    }

    private byte[] bounded(InputStream content, Caller caller, String key) {
        try (content) {
            byte[] bytes = content.readNBytes((int) RequestsApi.MAX_ATTACHMENT_BYTES + 1);
            if (bytes.length > RequestsApi.MAX_ATTACHMENT_BYTES) {
                audit.request("attach", Outcome.INVALID, "TOO_LARGE", caller.employeeId(), key);
                throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "TOO_LARGE", "The file is too large.");
            }
            if (bytes.length == 0) {
                throw new ApiException(ProblemType.INVALID_REQUEST, "EMPTY_FILE", "The file is empty.");
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "UNREADABLE_FILE", "The upload was cut short.");
        }
    }

    List<KnowledgeArticle> knowledge(String query) {
        return JiraCalls.call(() -> jira.knowledgeBase(query, RequestsApi.MAX_ARTICLES)).values().stream()
                .limit(RequestsApi.MAX_ARTICLES)
                .map(a -> new KnowledgeArticle(a.title(), a.excerpt(), url(a)))
                .toList();
    }

    /**
     * The request if the caller may reach it: reported by them, or assigned to them when they handle requests.
     * Anything else, whether it exists or not, is 404; a request that exists but is someone else's is audited.
     */
    private JiraIssue authorize(Caller caller, String key, String action) {
        if (key == null || !ISSUE_KEY.matcher(key).matches()) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "BAD_KEY", "key is not a request key.");
        }
        String account = accounts.of(caller);
        ServiceDesk desk = JiraCalls.call(jira::serviceDesk);
        if (!key.startsWith(desk.projectKey() + "-")) {
            throw notFound(caller, key, action, "OTHER_PROJECT");
        }
        Jql query = JiraCalls.call(() -> jira.jql().project(desk.projectKey()).issueKeys(List.of(key)).build());
        IssuePage page;
        try {
            page = JiraCalls.call(() -> jira.search(query, JiraClient.ISSUE_FIELDS, 1, null));
        } catch (ApiException e) {
            if (e.getCause() instanceof JiraRejectedException) {
                throw notFound(caller, key, action, "NO_SUCH_KEY"); // Jira refuses JQL naming a missing key
            }
            throw e;
        }
        JiraIssue issue = page.issues().stream().filter(i -> key.equals(i.key())).findFirst().orElse(null);
        if (issue == null || issue.fields() == null) {
            throw notFound(caller, key, action, "NO_SUCH_KEY");
        }
        boolean reporter = same(account, issue.fields().reporter());
        boolean assignee = caller.role().handlesRequests() && same(account, issue.fields().assignee());
        if (!reporter && !assignee) {
            throw notFound(caller, key, action, "NOT_THEIRS");
        }
        return issue;
    }

    /** A call on a request already authorized; Jira's 404 (deleted meanwhile) stays a 404. */
    private <T> T found(Caller caller, String key, String action, java.util.function.Supplier<T> call) {
        try {
            return JiraCalls.call(call);
        } catch (ApiException e) {
            if (e.getCause() instanceof ua.itdesk.agent.jira.JiraNotFoundException) {
                throw notFound(caller, key, action, "GONE");
            }
            throw e;
        }
    }

    private ApiException notFound(Caller caller, String key, String action, String reason) {
        audit.request(action, "NOT_THEIRS".equals(reason) ? Outcome.DENIED : Outcome.INVALID, reason,
                caller.employeeId(), key);
        return new ApiException(ProblemType.NOT_FOUND, reason, NOT_FOUND);
    }

    private RequestPage page(IssuePage page, java.util.function.Predicate<JiraIssue> theirs) {
        List<RequestSummary> items = page.issues().stream().filter(i -> i.key() != null && i.fields() != null)
                .filter(theirs).map(this::summary).toList();
        return new RequestPage(items, Cursors.encode(page.nextPageToken()));
    }

    private RequestSummary summary(JiraIssue issue) {
        JiraIssue.Fields f = issue.fields();
        return new RequestSummary(issue.key(), f.summary(), status(f), priority(f),
                f.created() == null ? null : f.created().toInstant(),
                browseBase == null ? null : browseBase + issue.key());
    }

    private Priority priority(JiraIssue.Fields f) {
        return f.priority() == null ? null : priorities.fromJira(f.priority().name());
    }

    private static String status(JiraIssue.Fields f) {
        return f.status() == null ? null : f.status().name();
    }

    private String webLink(CustomerRequest request) {
        if (request.links() != null && request.links().web() != null) {
            return request.links().web();
        }
        return browseBase == null ? null : browseBase + request.issueKey();
    }

    private static PublicComment comment(Comment c) {
        return new PublicComment(c.id(), name(c.author()), c.body(), instant(c.created()).orElse(null));
    }

    private static String url(Article article) {
        return article.content() == null ? null : article.content().iframeSrc();
    }

    private static Optional<Instant> instant(JiraDate date) {
        return date == null ? Optional.empty() : date.instant();
    }

    private static String name(JiraUser user) {
        if (user == null) {
            return null;
        }
        return user.displayName() != null ? user.displayName() : user.reference();
    }

    private static boolean same(String account, JiraUser user) {
        return user != null && user.reference() != null && user.reference().equalsIgnoreCase(account);
    }

    private static String fingerprint(NewRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String text = String.join("\u0000", request.categoryId(), request.priority().name(), request.summary(),
                    Objects.toString(request.description(), ""));
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
