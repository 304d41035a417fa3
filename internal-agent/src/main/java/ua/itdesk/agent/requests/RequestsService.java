package ua.itdesk.agent.requests;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.api.IdempotentCalls;
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
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.agent.jira.Jql;
import ua.itdesk.agent.jira.ServiceDesk;
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

    private static final int MAX_COMMENTS = 50;

    private final JiraClient jira;
    private final CallerAccounts accounts;
    private final CategoryCache categories;
    private final IdempotentCalls<RequestSummary> creations;
    private final DeskIssues issues;
    private final Attachments attachments;
    private final Priorities priorities;
    private final AutoAssignment assignment;
    private final AuditLog audit;
    private final int pageSize;
    /** Who each comment the agent writes is for, so its event names the employee and not the agent's account. */
    @jakarta.inject.Inject
    ua.itdesk.agent.jira.CommentAuthors commentAuthors;
    private final String browseBase;

    RequestsService(JiraClient jira, CallerAccounts accounts, CategoryCache categories, DeskIssues issues,
            Attachments attachments, Priorities priorities, AutoAssignment assignment, AuditLog audit,
            AgentConfig config) {
        this.jira = jira;
        this.accounts = accounts;
        this.categories = categories;
        this.creations = new IdempotentCalls<>(config.requests().idempotencyWindow(),
                config.requests().idempotencyMaxEntries(), JiraCalls::mayHaveWritten);
        this.issues = issues;
        this.attachments = attachments;
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
        return creations.call(caller.employeeId(), idempotencyKey, fingerprint(request), uncertainSince -> {
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
            if (uncertainSince != null) {
                Optional<RequestSummary> earlier = createdEarlier(account, toJira, request.priority(), uncertainSince);
                if (earlier.isPresent()) {
                    audit.request("create", Outcome.SUCCESS, "FOUND_AFTER_LOST_ANSWER", caller.employeeId(),
                            earlier.get().key());
                    assignLater(earlier.get(), caller);
                    return earlier.get();
                }
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
            assignLater(summary, caller);
            return summary;
        });
    }

    private void assignLater(RequestSummary summary, Caller caller) {
        assignment.assignLater(new CreatedRequest(summary.key(), summary.summary(), summary.priority(),
                summary.status(), summary.webLink(), caller.employeeId(), summary.created()));
    }

    /**
     * The request an earlier attempt created although its answer was lost: the caller's newest request raised since
     * that attempt began (less a minute, as JQL dates are minutes) with the same summary and priority. Without one,
     * the retry creates; with Jira unreachable it fails like the creation would.
     */
    private Optional<RequestSummary> createdEarlier(String account, ua.itdesk.agent.jira.NewRequest toJira,
            Priority priority, Instant since) {
        ServiceDesk desk = JiraCalls.call(jira::serviceDesk);
        Instant from = since.minusSeconds(60);
        Jql query = JiraCalls.call(() -> jira.jql().project(desk.projectKey()).reporter(account).createdSince(from)
                .orderBy(Jql.Field.CREATED, Jql.Order.DESC).build());
        IssuePage page = JiraCalls.call(() -> jira.search(query, JiraClient.ISSUE_FIELDS, 20, null));
        return page.issues().stream()
                .filter(issue -> issue.fields() != null && toJira.summary().equals(issue.fields().summary())
                        && same(account, issue.fields().reporter())
                        && (issue.fields().priority() == null || toJira.priority() == null
                                || toJira.priority().equalsIgnoreCase(issue.fields().priority().name()))
                        && (issue.fields().created() == null || !issue.fields().created().toInstant().isBefore(from)))
                .findFirst()
                .map(issue -> new RequestSummary(issue.key(), issue.fields().summary(), status(issue.fields()),
                        priority, issue.fields().created() == null ? Instant.now()
                                : issue.fields().created().toInstant(),
                        browseBase == null ? null : browseBase + issue.key()));
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
                .map(JiraViews::publicComment).toList();
        JiraIssue.Fields f = issue.fields();
        return new RequestDetail(key, f.summary(), status(f), priority(f),
                f.created() == null ? null : f.created().toInstant(), webLink(request),
                request.text("description").orElse(null), JiraViews.displayName(f.reporter()), JiraViews.displayName(f.assignee()), comments);
    }

    PublicComment comment(Caller caller, String key, NewComment comment) {
        authorize(caller, key, "comment");
        Comment added = found(caller, key, "comment", () -> jira.addPublicComment(key, comment.body()));
        commentAuthors.record(added.id(), caller.employeeId());
        audit.request("comment", Outcome.SUCCESS, null, caller.employeeId(), key);
        return JiraViews.publicComment(added);
    }

    /** The file, checked and read by {@link Attachments}, attached to a request the caller may reach. */
    AttachmentReceipt attach(Caller caller, String key, String fileName, String contentType, InputStream content) {
        Attachments.Upload upload;
        try {
            upload = Attachments.receive(fileName, contentType, content);
        } catch (ApiException e) {
            audit.request("attach", Outcome.INVALID, e.reason(), caller.employeeId(), key);
            throw e;
        }
        authorize(caller, key, "attach");
        AttachmentReceipt receipt = found(caller, key, "attach", () -> attachments.attach(key, upload));
        audit.request("attach", Outcome.SUCCESS, null, caller.employeeId(), key);
        return receipt;
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
        JiraIssue issue;
        try {
            issue = issues.find(key);
        } catch (ApiException e) {
            if (e.kind() == ProblemType.NOT_FOUND) {
                throw notFound(caller, key, action, e.reason());
            }
            throw e;
        }
        String account = accounts.of(caller);
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
            if (DeskIssues.gone(e)) {
                throw notFound(caller, key, action, "GONE");
            }
            throw e;
        }
    }

    private ApiException notFound(Caller caller, String key, String action, String reason) {
        audit.request(action, "NOT_THEIRS".equals(reason) ? Outcome.DENIED : Outcome.INVALID, reason,
                caller.employeeId(), key);
        return new ApiException(ProblemType.NOT_FOUND, reason, DeskIssues.NOT_FOUND);
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

    private static String url(Article article) {
        return article.content() == null ? null : article.content().iframeSrc();
    }

    private static Optional<Instant> instant(JiraDate date) {
        return date == null ? Optional.empty() : date.instant();
    }

    private static boolean same(String account, JiraUser user) {
        return user != null && user.reference() != null && user.reference().equalsIgnoreCase(account);
    }

    private static String fingerprint(NewRequest request) {
        return IdempotentCalls.fingerprint(request.categoryId(), request.priority().name(), request.summary(),
                request.description());
    }
}
