package ua.itdesk.bot.agent;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.ConsultationBrief;
import ua.itdesk.contracts.v1.NewComment;
import ua.itdesk.contracts.v1.PublicComment;

/**
 * {@link ua.itdesk.contracts.v1.ConsultationsApi} as the bot calls it: service calls, authenticated by the bot's
 * certificate alone. Attachments go through {@link AttachmentUpload}, which streams. A test keeps the paths in step
 * with the contract. Used only through {@link ConsultationsClient}.
 */
@RegisterRestClient(configKey = "agent")
@Path(ApiPaths.CONSULTATIONS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface AgentConsultationsRestClient {

    @GET
    @Path("/{key}")
    ConsultationBrief brief(@HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId,
            @PathParam("key") String key);

    @POST
    @Path("/{key}/comments")
    PublicComment comment(@HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId,
            @PathParam("key") String key, @HeaderParam(ApiPaths.IDEMPOTENCY_KEY_HEADER) String idempotencyKey,
            NewComment comment);

    /** Every error answer becomes an {@link AgentProblemException} carrying the agent's problem details. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AgentProblemException.from(response);
    }
}
