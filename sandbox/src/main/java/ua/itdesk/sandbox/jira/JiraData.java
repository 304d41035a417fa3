package ua.itdesk.sandbox.jira;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-in's state: users, the service desk's configuration and its requests (issues). Not thread-safe by
 * itself: every read and write holds the monitor of this object ({@code synchronized (data)}), and every change
 * reports an {@link Event} to the sink while still holding it, so that webhooks leave in the order of the changes.
 */
final class JiraData {

    static final String SERVICE_DESK_ID = "1";
    static final String PROJECT_ID = "10000";
    static final String PROJECT_KEY = "ITS";
    static final String PROJECT_NAME = "IT Support";
    static final String ISSUE_TYPE_ID = "10001";
    static final String ISSUE_TYPE_NAME = "Service Request";

    /** A Jira user: agent (specialist, supervisor, the service account) or customer (every employee). */
    static final class User {
        final String login;
        final String accountId;
        final String displayName;
        final String email;
        final boolean active;
        final boolean agent;

        User(String login, String accountId, String displayName, String email, boolean active, boolean agent) {
            this.login = login;
            this.accountId = accountId;
            this.displayName = displayName;
            this.email = email;
            this.active = active;
            this.agent = agent;
        }
    }

    /** Jira's status categories as JSM names them, with the platform API's ids and keys. */
    enum Category {
        NEW(2, "new", "blue-gray", "To Do"),
        INDETERMINATE(4, "indeterminate", "yellow", "In Progress"),
        DONE(3, "done", "green", "Done");

        final int id;
        final String key;
        final String colorName;
        final String displayName;

        Category(int id, String key, String colorName, String displayName) {
            this.id = id;
            this.key = key;
            this.colorName = colorName;
            this.displayName = displayName;
        }
    }

    /** A workflow status; {@code transitionId} is the id of the transition that leads into it. */
    record Status(String id, String name, Category category, String transitionId, String transitionName) {
    }

    static final Status WAITING_FOR_SUPPORT =
            new Status("10001", "Waiting for support", Category.NEW, "31", "Respond to support");
    static final Status IN_PROGRESS = new Status("3", "In Progress", Category.INDETERMINATE, "11", "Start progress");
    static final Status WAITING_FOR_CUSTOMER =
            new Status("10002", "Waiting for customer", Category.INDETERMINATE, "21", "Wait for customer");
    static final Status RESOLVED = new Status("5", "Resolved", Category.DONE, "41", "Resolve this issue");
    static final Status CLOSED = new Status("6", "Closed", Category.DONE, "51", "Close");
    static final Status CANCELED = new Status("10003", "Canceled", Category.DONE, "61", "Cancel request");
    static final List<Status> STATUSES =
            List.of(WAITING_FOR_SUPPORT, IN_PROGRESS, WAITING_FOR_CUSTOMER, RESOLVED, CLOSED, CANCELED);

    record Priority(String id, String name) {
    }

    /** A field of a request type's create form. */
    record Field(String fieldId, String name, String description, boolean required, String type, String system) {
    }

    record RequestType(String id, String name, String description, String helpText, List<Field> fields) {
        Optional<Field> field(String fieldId) {
            return fields.stream().filter(f -> f.fieldId().equals(fieldId)).findFirst();
        }
    }

    /** A knowledge-base article (a Confluence page); {@code keywords} feed the search only. */
    record Article(String pageId, String title, String excerpt, String keywords) {
    }

    record Comment(long id, String author, String body, boolean isPublic, Instant created) {
    }

    record Attachment(long id, String filename, String mimeType, byte[] content, String author, Instant created) {
    }

    record TemporaryAttachment(String id, String filename, String mimeType, byte[] content, Instant created) {
    }

    /** One item of a change, as in a Jira changelog: ids or user keys in from/to, display texts in the strings. */
    record Change(String field, String from, String fromText, String to, String toText) {
    }

    /** A customer request, which is also a Jira issue. */
    static final class Issue {
        final long id;
        final String key;
        final String requestTypeId;
        final String summary;
        final String description;
        final String reporter;
        final String creator;
        final Instant created;
        final List<String> participants = new ArrayList<>();
        final List<Comment> comments = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();
        Priority priority;
        String assignee;
        Status status;
        Instant statusDate;
        Instant updated;
        Instant resolved;

        Issue(long id, String key, String requestTypeId, String summary, String description, String reporter,
                String creator, Priority priority, Instant created) {
            this.id = id;
            this.key = key;
            this.requestTypeId = requestTypeId;
            this.summary = summary;
            this.description = description;
            this.reporter = reporter;
            this.creator = creator;
            this.priority = priority;
            this.created = created;
            this.status = WAITING_FOR_SUPPORT;
            this.statusDate = created;
            this.updated = created;
        }

        int number() {
            return Integer.parseInt(key.substring(key.indexOf('-') + 1));
        }
    }

    enum EventType { ISSUE_CREATED, ISSUE_UPDATED, COMMENT_CREATED }

    /** A change worth a webhook; {@code issue} is live state, render it before the lock is released. */
    record Event(EventType type, Issue issue, String actor, List<Change> changes, String eventTypeName,
            Comment comment, Instant at) {
    }

    interface EventSink {
        void accept(Event event);
    }

    final Map<String, User> usersByLogin = new LinkedHashMap<>();
    final List<RequestType> requestTypes;
    final List<Article> articles;
    final List<Priority> priorities;
    final Map<String, Issue> issuesByKey = new LinkedHashMap<>();
    final Map<String, TemporaryAttachment> temporaryAttachments = new LinkedHashMap<>();
    private final EventSink sink;
    private long nextIssueId = 10001;
    private int nextIssueNumber = 1;
    private long nextCommentId = 10001;
    private long nextAttachmentId = 10001;
    private long nextTemporaryId = 7_700_000_001L;

    JiraData(List<RequestType> requestTypes, List<Article> articles, List<Priority> priorities, EventSink sink) {
        this.requestTypes = List.copyOf(requestTypes);
        this.articles = List.copyOf(articles);
        this.priorities = List.copyOf(priorities);
        this.sink = sink;
    }

    // ---------------------------------------------------------------- look-ups

    void addUser(User u) {
        usersByLogin.put(u.login, u);
    }

    Optional<User> user(String login) {
        return login == null ? Optional.empty()
                : Optional.ofNullable(usersByLogin.get(login.toLowerCase(Locale.ROOT)));
    }

    Optional<User> userByAccountId(String accountId) {
        return usersByLogin.values().stream().filter(u -> u.accountId.equals(accountId)).findFirst();
    }

    Optional<User> userByEmail(String email) {
        return usersByLogin.values().stream().filter(u -> u.email.equalsIgnoreCase(email)).findFirst();
    }

    Optional<RequestType> requestType(String id) {
        return requestTypes.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    Optional<Priority> priorityByName(String name) {
        return priorities.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    Optional<Priority> priorityById(String id) {
        return priorities.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    static Optional<Status> status(String nameOrId) {
        return STATUSES.stream()
                .filter(s -> s.name().equalsIgnoreCase(nameOrId) || s.id().equals(nameOrId)).findFirst();
    }

    static Optional<Status> statusByTransition(String transitionId) {
        return STATUSES.stream().filter(s -> s.transitionId().equals(transitionId)).findFirst();
    }

    /** By key (case-insensitive) or numeric issue id. */
    Optional<Issue> issue(String keyOrId) {
        if (keyOrId == null) {
            return Optional.empty();
        }
        Issue byKey = issuesByKey.get(keyOrId.toUpperCase(Locale.ROOT));
        if (byKey != null) {
            return Optional.of(byKey);
        }
        return issuesByKey.values().stream().filter(i -> Long.toString(i.id).equals(keyOrId)).findFirst();
    }

    List<Issue> issues() {
        return issuesByKey.values().stream().sorted(Comparator.comparingLong(i -> i.id)).toList();
    }

    // ---------------------------------------------------------------- changes

    /** A new request in "Waiting for support"; {@code silent} for the seed (no webhook). */
    Issue create(String requestTypeId, String summary, String description, String reporter, String creator,
            Priority priority, Instant at, boolean silent) {
        String key = PROJECT_KEY + "-" + nextIssueNumber++;
        Issue issue = new Issue(nextIssueId++, key, requestTypeId, summary, description, reporter, creator, priority,
                at);
        issuesByKey.put(key, issue);
        if (!silent) {
            sink.accept(new Event(EventType.ISSUE_CREATED, issue, creator, List.of(), "issue_created", null, at));
        }
        return issue;
    }

    void transition(Issue issue, Status to, String actor, Instant at, boolean silent) {
        if (issue.status.equals(to)) {
            return;
        }
        Status from = issue.status;
        issue.status = to;
        issue.statusDate = at;
        issue.updated = at;
        List<Change> changes = new ArrayList<>();
        if (to.category() == Category.DONE && from.category() != Category.DONE) {
            issue.resolved = at;
            String resolution = to.equals(CANCELED) ? "Won't Do" : "Done";
            changes.add(new Change("resolution", null, null, to.equals(CANCELED) ? "10001" : "10000", resolution));
        } else if (to.category() != Category.DONE && from.category() == Category.DONE) {
            issue.resolved = null;
            changes.add(new Change("resolution", "10000", "Done", null, null));
        }
        changes.add(0, new Change("status", from.id(), from.name(), to.id(), to.name()));
        if (!silent) {
            sink.accept(new Event(EventType.ISSUE_UPDATED, issue, actor, changes, "issue_generic", null, at));
        }
    }

    void assign(Issue issue, String assignee, String actor, Instant at, boolean silent) {
        String before = issue.assignee;
        if (before == null ? assignee == null : before.equals(assignee)) {
            return;
        }
        issue.assignee = assignee;
        issue.updated = at;
        if (!silent) {
            Change change = new Change("assignee", before, displayName(before), assignee, displayName(assignee));
            sink.accept(new Event(EventType.ISSUE_UPDATED, issue, actor, List.of(change), "issue_assigned", null, at));
        }
    }

    Comment comment(Issue issue, String author, String body, boolean isPublic, Instant at, boolean silent) {
        Comment c = new Comment(nextCommentId++, author, body, isPublic, at);
        issue.comments.add(c);
        issue.updated = at;
        if (!silent) {
            sink.accept(new Event(EventType.COMMENT_CREATED, issue, author, List.of(), "issue_commented", c, at));
        }
        return c;
    }

    TemporaryAttachment addTemporary(String filename, String mimeType, byte[] content, Instant at) {
        TemporaryAttachment t = new TemporaryAttachment("temp" + nextTemporaryId++, filename, mimeType, content, at);
        temporaryAttachments.put(t.id(), t);
        return t;
    }

    Attachment attach(Issue issue, TemporaryAttachment t, String author, Instant at) {
        temporaryAttachments.remove(t.id());
        Attachment a = new Attachment(nextAttachmentId++, t.filename(), t.mimeType(), t.content(), author, at);
        issue.attachments.add(a);
        issue.updated = at;
        return a;
    }

    Optional<Attachment> attachment(long id) {
        return issuesByKey.values().stream().flatMap(i -> i.attachments.stream()).filter(a -> a.id() == id)
                .findFirst();
    }

    private String displayName(String login) {
        return login == null ? null : user(login).map(u -> u.displayName).orElse(login);
    }
}
