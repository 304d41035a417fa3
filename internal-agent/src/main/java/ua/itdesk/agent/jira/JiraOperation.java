package ua.itdesk.agent.jira;

/**
 * Every call the client makes, named as in metrics and logs. An operation that creates something is not
 * idempotent: when Jira fails it with a 5xx other than 503, or does not answer in time, it may have done the work,
 * so the client does not send it again by itself.
 */
public enum JiraOperation {
    SERVICE_DESKS("service-desks", true),
    SERVICE_DESK("service-desk", true),
    REQUEST_TYPES("request-types", true),
    REQUEST_TYPE_FIELDS("request-type-fields", true),
    CREATE_REQUEST("create-request", false),
    GET_REQUEST("get-request", true),
    ADD_COMMENT("add-comment", false),
    LIST_COMMENTS("list-comments", true),
    UPLOAD_TEMPORARY_FILE("upload-temporary-file", true),
    ATTACH_FILES("attach-files", false),
    KNOWLEDGE_BASE("knowledge-base", true),
    SEARCH("search", true),
    ASSIGN("assign", true),
    FIND_USERS("find-users", true),
    MYSELF("myself", true);

    private final String tag;
    private final boolean idempotent;

    JiraOperation(String tag, boolean idempotent) {
        this.tag = tag;
        this.idempotent = idempotent;
    }

    /** The name in the {@code operation} tag of {@code jira.calls} and in log lines. */
    public String tag() {
        return tag;
    }

    /** Whether sending it twice does no more harm than sending it once. */
    public boolean idempotent() {
        return idempotent;
    }
}
