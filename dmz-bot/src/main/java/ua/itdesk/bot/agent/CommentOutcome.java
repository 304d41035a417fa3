package ua.itdesk.bot.agent;

import ua.itdesk.contracts.v1.PublicComment;

/** How the agent answered a public comment written for a person (T5). */
public sealed interface CommentOutcome {

    /** Added to the request. */
    record Posted(PublicComment comment) implements CommentOutcome {
    }

    /** The request does not exist or is not the person's (the agent does not tell the two apart). */
    record NotFound() implements CommentOutcome {
    }

    /** The person's token is no longer accepted (401/403): they must log in again. */
    record SessionInvalid() implements CommentOutcome {
    }

    /** Refused as it is (400): sending it again cannot help. */
    record Rejected() implements CommentOutcome {
    }

    /** The agent or Jira cannot take it now; worth trying again later. */
    record Unavailable(String reason) implements CommentOutcome {
    }
}
