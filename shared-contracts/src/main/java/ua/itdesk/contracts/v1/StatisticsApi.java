package ua.itdesk.contracts.v1;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Statistics for supervisors (M1): the request facts of a period, read from Jira by the agent. Called with the
 * supervisor's session token; any other role gets 403 {@code forbidden}. The period is whole days
 * {@code from}..{@code to} (both included, ISO dates) in {@code zone} (an IANA id such as {@code Europe/Kyiv}: the
 * zone the supervisor's days are counted in; the agent's Jira time zone when absent), at most the agent's configured
 * number of days; a bad period or zone is 400 {@code invalid-request}. Jira unavailable is 503 with
 * {@code Retry-After}.
 */
@Path(ApiPaths.STATISTICS)
@Produces(MediaType.APPLICATION_JSON)
public interface StatisticsApi {

    /** Request facts of the period; the same period within the agent's cache time is answered without Jira. */
    @GET
    @Path("/requests")
    RequestStatistics requests(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("zone") String zone);
}
