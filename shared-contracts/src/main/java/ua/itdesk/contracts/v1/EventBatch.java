package ua.itdesk.contracts.v1;

import java.util.List;

/**
 * The answer to one long poll of {@link EventsApi#events}.
 *
 * @param events the events after the cursor the bot sent, oldest first (possibly none when the wait ran out)
 * @param cursor pass it on the next poll; opaque to the bot, stored by it so that a restart resumes where it left
 * @param reset  true when the bot's cursor could not be honoured (the agent restarted, or the cursor fell out of its
 *               buffer): {@code events} then starts at the oldest event the agent still holds, and the bot must run
 *               its reconciliation ({@link EventsApi#changes}) for the gap
 */
public record EventBatch(List<RequestEvent> events, String cursor, boolean reset) {

    public EventBatch {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
