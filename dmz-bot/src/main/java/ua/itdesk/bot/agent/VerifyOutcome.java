package ua.itdesk.bot.agent;

import ua.itdesk.contracts.v1.SessionToken;

/** How the agent answered a login (A3). */
public sealed interface VerifyOutcome {

    /** The person is an active employee; the token is theirs. */
    record Verified(SessionToken token) implements VerifyOutcome {
    }

    /** Not confirmed as an active employee; deliberately without a reason (A3). */
    record Denied() implements VerifyOutcome {
    }

    /** Too many attempts for this Telegram user or number. */
    record Throttled() implements VerifyOutcome {
    }

    /**
     * The agent, or a system behind it, cannot answer now.
     *
     * @param reason for the audit log, never shown to users
     */
    record Unavailable(String reason) implements VerifyOutcome {
    }
}
