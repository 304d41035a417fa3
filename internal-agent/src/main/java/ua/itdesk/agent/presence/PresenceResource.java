package ua.itdesk.agent.presence;

import jakarta.annotation.security.PermitAll;
import java.util.List;
import ua.itdesk.contracts.v1.Presence;
import ua.itdesk.contracts.v1.PresenceApi;

/**
 * {@link PresenceApi} for the bot. Permitted here because it carries no employee token: the bot's certificate is
 * checked before routing ({@code ua.itdesk.agent.security.BotServiceCalls}), which refuses every other caller.
 * Blocking (directory look-ups): runs on a worker thread.
 */
@PermitAll
public class PresenceResource implements PresenceApi {

    private final PresenceStore store;

    PresenceResource(PresenceStore store) {
        this.store = store;
    }

    @Override
    public Presence replace(Presence presence) {
        return new Presence(List.copyOf(store.replace(presence.onlineEmployeeIds())));
    }

    @Override
    public Presence current() {
        return new Presence(store.online().stream().map(OnlineSpecialist::employeeId).sorted().toList());
    }
}
