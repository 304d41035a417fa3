package ua.itdesk.contracts.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Changes of requests for the bot (Z3). Jira's webhooks, or the agent's polling of Jira Cloud, end in the agent; the
 * bot collects the resulting events from here over its mTLS connection, so no connection is ever opened from the
 * internal zone into the DMZ.
 *
 * <p>These are calls of the bot as a service, not of an employee: the bot's client certificate authenticates them,
 * no session token is sent. Failures are problems: 400 {@code invalid-request}, 401, 503
 * {@code dependency-unavailable} (reconciliation only: Jira cannot be reached).
 */
@Path(ApiPaths.EVENTS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface EventsApi {

    /** Cursors as the agent hands them out. */
    String CURSOR = "[A-Za-z0-9_.:-]{1,200}";
    /** Longest wait of one long poll, in seconds. */
    int MAX_WAIT_SECONDS = 30;

    /**
     * The events after {@code cursor}, waiting up to {@code waitSeconds} for the first one. Without a cursor: from
     * now on (no history). Events are kept by the agent for a bounded time and number; see {@link EventBatch#reset}.
     */
    @GET
    EventBatch events(@QueryParam("cursor") @Pattern(regexp = CURSOR) String cursor,
            @QueryParam("waitSeconds") @Min(0) @Max(MAX_WAIT_SECONDS) int waitSeconds);

    /**
     * Reconciliation: for each of the given requests changed since {@code since}, the events that describe its
     * current state: its status ({@link RequestEventType#STATUS_CHANGED}), its assignee
     * ({@link RequestEventType#ASSIGNED}) and each public comment written after {@code since}
     * ({@link RequestEventType#COMMENT_ADDED}), with the same ids the live stream uses. Requests that do not exist
     * are left out.
     */
    @POST
    @Path("/changes")
    List<RequestEvent> changes(@NotNull @Valid ChangesQuery query);
}
