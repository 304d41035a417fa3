package ua.itdesk.agent.identity;

import org.eclipse.microprofile.jwt.JsonWebToken;
import ua.itdesk.agent.security.SessionClaims;
import ua.itdesk.contracts.v1.EmployeeProfile;

/**
 * The profile claims of a session token: it carries the profile so that {@code GET /auth/me} needs no directory
 * round trip. The Telegram user claim is in {@link ua.itdesk.agent.security.SessionClaims}.
 */
final class TokenClaims {

    /** Standard OIDC claim: the person's display name. */
    static final String NAME = "name";
    static final String POSITION = "position";
    static final String DEPARTMENT = "department";

    private TokenClaims() {
    }

    static EmployeeProfile profile(JsonWebToken token) {
        return new EmployeeProfile(token.getSubject(), string(token, NAME), string(token, POSITION),
                string(token, DEPARTMENT), SessionClaims.role(token), SessionClaims.jiraAccount(token));
    }

    private static String string(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return value == null ? null : value.toString();
    }
}
