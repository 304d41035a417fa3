package ua.itdesk.bot.audit;

/** How an audited action ended. Stored by name. */
public enum AuditOutcome {
    SUCCESS,
    /** Refused on purpose (access denied, foreign contact, wrong secret). */
    REFUSED,
    /** Refused because of too many attempts. */
    THROTTLED,
    /** Could not be done because a system (the agent) was unreachable. */
    UNAVAILABLE,
    /** Failed unexpectedly. */
    FAILED
}
