package ua.itdesk.bot.agent;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import ua.itdesk.contracts.v1.Category;
import ua.itdesk.contracts.v1.KnowledgeArticle;
import ua.itdesk.contracts.v1.NewComment;
import ua.itdesk.contracts.v1.NewRequest;
import ua.itdesk.contracts.v1.PublicComment;
import ua.itdesk.contracts.v1.RequestDetail;
import ua.itdesk.contracts.v1.RequestPage;
import ua.itdesk.contracts.v1.RequestSummary;

/**
 * {@link ua.itdesk.contracts.v1.RequestsApi} as the bot calls it, with the per-call bearer token and correlation id.
 * Attachments are not here: {@link AttachmentUpload} streams them, which this client would buffer. A test keeps the
 * two in step with the contract. Used only through {@link RequestsClient}.
 */
@RegisterRestClient(configKey = "agent")
@Path(ApiPaths.REQUESTS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface AgentRequestsRestClient {

    @GET
    @Path("/categories")
    List<Category> categories(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId);

    @POST
    RequestSummary create(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId,
            @HeaderParam(ApiPaths.IDEMPOTENCY_KEY_HEADER) String idempotencyKey, NewRequest request);

    @GET
    @Path("/mine")
    RequestPage mine(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId, @QueryParam("cursor") String cursor);

    @GET
    @Path("/assigned")
    RequestPage assigned(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId, @QueryParam("cursor") String cursor);

    @GET
    @Path("/knowledge")
    List<KnowledgeArticle> knowledge(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId, @QueryParam("query") String query);

    @GET
    @Path("/{key}")
    RequestDetail detail(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId, @PathParam("key") String key);

    @POST
    @Path("/{key}/comments")
    PublicComment comment(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(ApiPaths.CORRELATION_HEADER) String correlationId, @PathParam("key") String key,
            NewComment comment);

    /** Every error answer becomes an {@link AgentProblemException} carrying the agent's problem details. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return AgentProblemException.from(response);
    }
}
