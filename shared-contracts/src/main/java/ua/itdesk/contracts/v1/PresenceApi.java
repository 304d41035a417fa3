package ua.itdesk.contracts.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The availability of specialists for automatic assignment (T2). The bot owns the toggles (they live in the DMZ
 * database with the rest of a specialist's Telegram state) and replaces the agent's copy whenever one changes, when
 * it starts, when the event stream reports a reset, and periodically; the agent keeps it in memory only and treats
 * a copy older than its configured lease as unknown (nobody online). Authenticated by the bot's client certificate,
 * like {@link EventsApi}.
 */
@Path(ApiPaths.PRESENCE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PresenceApi {

    /** Replaces the set of online specialists; ids that are not specialists in the directory are ignored. */
    @PUT
    Presence replace(@NotNull @Valid Presence presence);

    /** The set as the agent holds it (empty when unknown or expired). */
    @GET
    Presence current();
}
