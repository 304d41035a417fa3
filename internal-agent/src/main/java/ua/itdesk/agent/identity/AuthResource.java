package ua.itdesk.agent.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.jwt.JsonWebToken;
import ua.itdesk.contracts.v1.AuthApi;
import ua.itdesk.contracts.v1.EmployeeProfile;
import ua.itdesk.contracts.v1.SessionToken;
import ua.itdesk.contracts.v1.VerifyRequest;

/** {@link AuthApi} over mutual TLS: verification is the only call of the API without a session token. */
@RolesAllowed({"employee", "specialist", "supervisor"})
public class AuthResource implements AuthApi {

    private final IdentityService identity;
    private final JsonWebToken token;

    AuthResource(IdentityService identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    @Override
    @PermitAll
    public SessionToken verify(VerifyRequest request) {
        return identity.verify(request);
    }

    @Override
    public SessionToken refresh() {
        return identity.refresh(token);
    }

    @Override
    public EmployeeProfile me() {
        return TokenClaims.profile(token);
    }
}
