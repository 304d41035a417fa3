package ua.itdesk.agent.jira;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * The Jira Service Management endpoints the agent uses, the same on Data Center and Cloud. Built by
 * {@link JiraConnection} from {@code agent.jira.*}, which also adds authentication and error mapping.
 */
@RegisterRestClient(configKey = "jira")
@Path("/rest/servicedeskapi")
@Produces(MediaType.APPLICATION_JSON)
interface JsmApi {

    @GET
    @Path("/servicedesk")
    Page<ServiceDesk> serviceDesks(@QueryParam("start") int start, @QueryParam("limit") int limit);

    @GET
    @Path("/servicedesk/{serviceDeskId}")
    ServiceDesk serviceDesk(@PathParam("serviceDeskId") String serviceDeskId);

    @GET
    @Path("/servicedesk/{serviceDeskId}/requesttype")
    Page<RequestType> requestTypes(@PathParam("serviceDeskId") String serviceDeskId,
            @QueryParam("start") int start, @QueryParam("limit") int limit);

    @GET
    @Path("/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field")
    RequestTypeFields requestTypeFields(@PathParam("serviceDeskId") String serviceDeskId,
            @PathParam("requestTypeId") String requestTypeId);

    @POST
    @Path("/request")
    @Consumes(MediaType.APPLICATION_JSON)
    CustomerRequest createRequest(JiraBodies.CreateRequest request);

    /** {@code expand} is one comma-separated value, as Atlassian documents it; null leaves it out. */
    @GET
    @Path("/request/{issueIdOrKey}")
    CustomerRequest request(@PathParam("issueIdOrKey") String issueKey, @QueryParam("expand") String expand);

    @POST
    @Path("/request/{issueIdOrKey}/comment")
    @Consumes(MediaType.APPLICATION_JSON)
    Comment addComment(@PathParam("issueIdOrKey") String issueKey, JiraBodies.NewComment comment);

    @GET
    @Path("/request/{issueIdOrKey}/comment")
    Page<Comment> comments(@PathParam("issueIdOrKey") String issueKey, @QueryParam("public") boolean publicOnes,
            @QueryParam("internal") boolean internalOnes, @QueryParam("start") int start,
            @QueryParam("limit") int limit);

    /** Jira refuses multipart uploads without {@code X-Atlassian-Token: no-check} (its XSRF guard). */
    @POST
    @Path("/servicedesk/{serviceDeskId}/attachTemporaryFile")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @ClientHeaderParam(name = "X-Atlassian-Token", value = "no-check")
    JiraBodies.TemporaryAttachments attachTemporaryFile(@PathParam("serviceDeskId") String serviceDeskId,
            ClientMultipartForm file);

    @POST
    @Path("/request/{issueIdOrKey}/attachment")
    @Consumes(MediaType.APPLICATION_JSON)
    AttachmentResult attach(@PathParam("issueIdOrKey") String issueKey, JiraBodies.Attach attach);

    /**
     * Jira Service Management answers a method it marks experimental only when the caller opts in with
     * {@code X-ExperimentalApi}, and Data Center releases have marked the knowledge base search so; where it is not
     * experimental the header is ignored.
     */
    @GET
    @Path("/servicedesk/{serviceDeskId}/knowledgebase/article")
    @ClientHeaderParam(name = "X-ExperimentalApi", value = "opt-in")
    Page<Article> articles(@PathParam("serviceDeskId") String serviceDeskId, @QueryParam("query") String query,
            @QueryParam("highlight") boolean highlight, @QueryParam("start") int start,
            @QueryParam("limit") int limit);
}
