package ua.itdesk.agent.jira;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The Jira platform endpoints the agent uses. They differ by flavour: Data Center keeps {@code /rest/api/2},
 * offset paging and user names; Cloud has {@code /rest/api/3}, token paging and accountIds.
 */
@RegisterRestClient(configKey = "jira")
@Path("/rest/api")
@Produces(MediaType.APPLICATION_JSON)
interface PlatformApi {

    @POST
    @Path("/2/search")
    @Consumes(MediaType.APPLICATION_JSON)
    JiraBodies.OffsetResults searchByOffset(JiraBodies.OffsetSearch search);

    @POST
    @Path("/3/search/jql")
    @Consumes(MediaType.APPLICATION_JSON)
    JiraBodies.TokenResults searchByToken(JiraBodies.TokenSearch search);

    @PUT
    @Path("/2/issue/{issueIdOrKey}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    void assignByName(@PathParam("issueIdOrKey") String issueKey, JiraBodies.AssigneeByName assignee);

    @PUT
    @Path("/3/issue/{issueIdOrKey}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    void assignByAccountId(@PathParam("issueIdOrKey") String issueKey, JiraBodies.AssigneeByAccountId assignee);

    /** Data Center: {@code username} matches user name, display name and e-mail. */
    @GET
    @Path("/2/user/search")
    List<JiraUser> usersByUsername(@QueryParam("username") String username,
            @QueryParam("maxResults") int maxResults);

    /** Cloud: {@code query} matches display name and e-mail (also when the e-mail is hidden in the answer). */
    @GET
    @Path("/3/user/search")
    List<JiraUser> usersByQuery(@QueryParam("query") String query, @QueryParam("maxResults") int maxResults);

    /** The account the agent calls Jira with (Data Center). */
    @GET
    @Path("/2/myself")
    JiraUser myselfByName();

    /** The same on Cloud. */
    @GET
    @Path("/3/myself")
    JiraUser myselfByAccountId();
}
