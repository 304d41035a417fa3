package ua.itdesk.bot.agent;

import ua.itdesk.contracts.v1.SessionToken;

/** How the agent answered a re-check of a logged-in person (A6). */
public sealed interface RefreshOutcome {

    /** Still an active employee: a new token with the current profile and role. */
    record Refreshed(SessionToken token) implements RefreshOutcome {
    }

    /** The agent no longer accepts the person or the token: the session must end. */
    record Revoked() implements RefreshOutcome {
    }

    /**
     * The agent cannot answer now.
     *
     * @param reason for the audit log, never shown to users
     */
    record Unavailable(String reason) implements RefreshOutcome {
    }
}
