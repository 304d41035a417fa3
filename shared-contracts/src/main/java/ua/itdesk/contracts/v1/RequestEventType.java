package ua.itdesk.contracts.v1;

/** What happened to a request, as the agent reports it to the bot (Z3, T2, T5). */
public enum RequestEventType {
    /** A request was created (through the bot or any other channel). */
    CREATED,
    /** The status changed; {@link RequestEvent#status()} holds the new one. */
    STATUS_CHANGED,
    /** The request got a (new) assignee; {@link RequestEvent#assigneeEmployeeId()} holds who. */
    ASSIGNED,
    /** A public comment was added; {@link RequestEvent#comment()} holds it. Internal notes are never reported. */
    COMMENT_ADDED,
    /**
     * The agent found no available specialist for a new request (T2): it stays in the service desk's queue and the
     * bot tells every supervisor.
     */
    NO_SPECIALIST_AVAILABLE
}
