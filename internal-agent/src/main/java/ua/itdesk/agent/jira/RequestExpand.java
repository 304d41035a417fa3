package ua.itdesk.agent.jira;

/** Parts of a customer request that Jira leaves out unless asked for ({@code expand}). */
public enum RequestExpand {
    PARTICIPANT("participant"),
    STATUS("status"),
    SLA("sla"),
    REQUEST_TYPE("requestType"),
    SERVICE_DESK("serviceDesk"),
    ATTACHMENT("attachment"),
    ACTION("action"),
    COMMENT("comment");

    private final String value;

    RequestExpand(String value) {
        this.value = value;
    }

    /** The word Jira expects in {@code expand}. */
    public String value() {
        return value;
    }
}
