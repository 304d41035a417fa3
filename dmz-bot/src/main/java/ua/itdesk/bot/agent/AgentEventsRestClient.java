package ua.itdesk.bot.agent;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.ChangesQuery;
import ua.itdesk.contracts.v1.EventBatch;
import ua.itdesk.contracts.v1.NewComment;
import ua.itdesk.contracts.v1.Presence;
import ua.itdesk.contracts.v1.PublicComment;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * The calls behind notifications: {@link ua.itdesk.contracts.v1.EventsApi} and
 * {@link ua.itdesk.contracts.v1.PresenceApi} (service calls, authenticated by the bot's certificate alone) and
 * {@link ua.itdesk.contracts.v1.RequestsApi#comment} (a reply, with the replier's own token). Its own configuration
 * key ({@code agent-events}) because a long poll outlasts the read timeout of the other calls. A test keeps the
 * paths in step with the contract. Used only through {@link AgentEventsClient}.
 */
@RegisterRestClient(configKey = "agent-events")
@Path(ApiPaths.ROOT)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface AgentEventsRestClient {

    @GET
    @Path("/events")
    EventBatch events(@QueryParam("cursor") String cursor, @QueryParam("waitSeconds") int waitSeconds);

    @POST
    @Path("/events/changes")
    List<RequestEvent> changes(ChangesQuery query);

    @PUT
    @Path("/presence")
    Presence replacePresence(Presence presence);

    @POST
    @Path("/requests/{key}/comments")
    PublicComment comment(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId, @PathParam("key") String key,
            NewComment comment);

    /** Every error answer becomes an {@link AgentProblemException} carrying the agent's problem details. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AgentProblemException.from(response);
    }
}
