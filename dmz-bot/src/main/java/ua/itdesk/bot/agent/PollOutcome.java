package ua.itdesk.bot.agent;

import ua.itdesk.contracts.v1.EventBatch;

/** How one long poll of the agent's event stream ended. */
public sealed interface PollOutcome {

    /** The agent answered (possibly with no events when the wait ran out). */
    record Received(EventBatch batch) implements PollOutcome {
    }

    /** The agent refused the cursor itself (400): the stream must start afresh, and the gap be reconciled. */
    record CursorRefused() implements PollOutcome {
    }

    /** The agent could not be reached or failed; poll again after a pause. */
    record Failed(String reason) implements PollOutcome {
    }
}
