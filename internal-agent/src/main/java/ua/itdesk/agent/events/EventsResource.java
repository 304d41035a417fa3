package ua.itdesk.agent.events;

import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.List;
import ua.itdesk.contracts.v1.ChangesQuery;
import ua.itdesk.contracts.v1.EventBatch;
import ua.itdesk.contracts.v1.EventsApi;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * {@link EventsApi} for the bot. No session token: {@code ua.itdesk.agent.security.BotServiceCalls} has already let
 * only the bot's certificate names through, hence {@code @PermitAll} here. Both calls block on a worker thread (a
 * long poll at most {@link EventsApi#MAX_WAIT_SECONDS}, reconciliation on Jira).
 */
@PermitAll
public class EventsResource implements EventsApi {

    private final EventLog log;
    private final Reconciliation reconciliation;

    EventsResource(EventLog log, Reconciliation reconciliation) {
        this.log = log;
        this.reconciliation = reconciliation;
    }

    @Override
    public EventBatch events(String cursor, int waitSeconds) {
        return log.poll(cursor, Duration.ofSeconds(Math.max(0, Math.min(waitSeconds, MAX_WAIT_SECONDS))));
    }

    @Override
    public List<RequestEvent> changes(ChangesQuery query) {
        return reconciliation.changes(query);
    }
}
