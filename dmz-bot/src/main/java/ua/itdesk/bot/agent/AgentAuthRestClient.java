package ua.itdesk.bot.agent;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.EmployeeProfile;
import ua.itdesk.contracts.v1.SessionToken;
import ua.itdesk.contracts.v1.VerifyRequest;

/**
 * {@link ua.itdesk.contracts.v1.AuthApi} as the bot calls it: the same paths and bodies, plus the per-call headers
 * the contract leaves to the transport (the person's bearer token, the correlation id). A test keeps the two in
 * step. Used only through {@link AgentClient}.
 */
@RegisterRestClient(configKey = "agent")
@Path(ApiPaths.AUTH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface AgentAuthRestClient {

    @POST
    @Path("/verify")
    SessionToken verify(@HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId, VerifyRequest request);

    @POST
    @Path("/refresh")
    SessionToken refresh(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId);

    @GET
    @Path("/me")
    EmployeeProfile me(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId);

    /** Every error answer becomes an {@link AgentProblemException} carrying the agent's problem details. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AgentProblemException.from(response);
    }
}
