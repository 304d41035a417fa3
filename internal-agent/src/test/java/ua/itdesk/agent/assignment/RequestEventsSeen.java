package ua.itdesk.agent.assignment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import ua.itdesk.contracts.v1.RequestEvent;

/** Records every {@link RequestEvent} fired inside the agent, as the event stream would receive it. */
@ApplicationScoped
public class RequestEventsSeen {

    private final List<RequestEvent> seen = new CopyOnWriteArrayList<>();

    void on(@Observes RequestEvent event) {
        seen.add(event);
    }

    public List<RequestEvent> about(String key) {
        return seen.stream().filter(e -> e.key().equals(key)).toList();
    }
}
