package ua.itdesk.bot.audit;

/** What an audit row (SYSTEM_LOG) is about (S5). Stored by name. */
public enum AuditEvent {
    /** A login attempt and how the agent answered. */
    LOGIN,
    /** A contact that was not the sender's own (forwarded, typed, someone else's) was refused (A2). */
    CONTACT_REJECTED,
    /** A session ended because of inactivity (A6). */
    SESSION_EXPIRED,
    /** The agent re-checked a person on role-cache expiry. */
    SESSION_REFRESHED,
    /** The agent no longer confirms the person: the session was ended (A6). */
    ACCESS_REVOKED,
    /** A person's role differs from the cached one. */
    ROLE_CHANGED,
    /** A phone number moved from one Telegram account to another. */
    PHONE_REBOUND,
    LOGOUT,
    /** A person deleted their DMZ data with /forget (S6). */
    DATA_FORGOTTEN,
    /** A person sent more updates than allowed (S3). */
    RATE_LIMITED,
    /** A webhook call without the right secret token (P1). */
    WEBHOOK_REJECTED,
    /** Callback data that does not belong to the presser's current session (S4). */
    CALLBACK_REJECTED,
    /** A call to the agent failed for reasons other than the person's access. */
    AGENT_ERROR,
    /** Handling an update failed unexpectedly. */
    UPDATE_FAILED,
    /** A confirmed request was created through the agent (T1), or refused by it. */
    REQUEST_CREATED,
    /** A confirmed request could not be created now and waits in the outbox (R3), or was given up. */
    REQUEST_QUEUED,
    /** "This solved it": a knowledge base article answered the question, no request was raised (T6). */
    REQUEST_SOLVED_BY_ARTICLE,
    /** Someone asked for a request the agent says does not exist or is not theirs. */
    REQUEST_NOT_FOUND,
    /** A file of a request could not be attached. */
    ATTACHMENT_FAILED,
    /** A part of a consultation (a comment of its transcript, a file) was refused by the agent and given up. */
    CONSULTATION_SYNC_FAILED,
    /** A specialist went online or offline for automatic assignment (T2). */
    AVAILABILITY_CHANGED,
    /** An employee asked for an online consultation, or was refused one (C1). */
    CONSULTATION_REQUESTED,
    /** An offer was accepted, declined or timed out (C1). */
    CONSULTATION_ANSWERED,
    /** A consultation chat ended, by whom or by the idle timeout (C5). */
    CONSULTATION_ENDED,
    /** A consultation was rated (C6). */
    CONSULTATION_RATED,
    /** A consultation was cancelled before its chat: left the queue, or the request was closed. */
    CONSULTATION_CANCELLED,
    /** Statistics were sent to a supervisor (M1), or refused to someone who is not one. */
    STATISTICS_REQUESTED
}
