package ua.itdesk.agent.hr;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import ua.itdesk.agent.audit.CorrelationHeader;

/**
 * The one HR endpoint the agent uses. Base URL, TLS trust and timeouts: {@code quarkus.rest-client.hr.*}; the bot's
 * correlation id goes along.
 */
@RegisterRestClient(configKey = "hr")
@RegisterProvider(CorrelationHeader.class)
@Path("/api/v1/employees")
interface HrApi {

    @GET
    @Path("/{employeeId}")
    @Produces(MediaType.APPLICATION_JSON)
    HrEmployee employee(@PathParam("employeeId") String employeeId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
