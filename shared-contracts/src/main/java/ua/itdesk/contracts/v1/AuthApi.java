package ua.itdesk.contracts.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Identity: login by phone number and the per-employee session token (Z2, A3, A4, A6).
 *
 * <p>{@link #verify} is the only call of the whole API that needs no token; the agent throttles it per Telegram
 * user and per number. {@link #refresh} re-checks AD and HR for the token's subject, so a person removed from
 * either loses access at the bot's next refresh.
 */
@Path(ApiPaths.AUTH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AuthApi {

    /** Verifies a shared phone number against AD and HR; 200 with a token, or 403/429/503 problem. */
    @POST
    @Path("/verify")
    SessionToken verify(@NotNull @Valid VerifyRequest request);

    /** Re-verifies the token's subject in AD and HR and issues a fresh token; 403 when access is gone. */
    @POST
    @Path("/refresh")
    SessionToken refresh();

    /** The profile of the token's subject, without a directory round trip. */
    @GET
    @Path("/me")
    EmployeeProfile me();
}
