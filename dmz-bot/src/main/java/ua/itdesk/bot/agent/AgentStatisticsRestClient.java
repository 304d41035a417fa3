package ua.itdesk.bot.agent;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.RequestStatistics;

/**
 * {@link ua.itdesk.contracts.v1.StatisticsApi} as the bot calls it, with the supervisor's token. Its own client
 * ({@code quarkus.rest-client.agent-statistics.*}): reading a long period takes Jira longer than the interactive
 * calls may wait. Used only through {@link StatisticsClient}.
 */
@RegisterRestClient(configKey = "agent-statistics")
@Path(ApiPaths.STATISTICS)
@Produces(MediaType.APPLICATION_JSON)
interface AgentStatisticsRestClient {

    @GET
    @Path("/requests")
    RequestStatistics requests(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("zone") String zone);

    /** Every error answer becomes an {@link AgentProblemException} carrying the agent's problem details. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AgentProblemException.from(response);
    }
}
