package ua.itdesk.agent.identity;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import ua.itdesk.contracts.v1.EmployeeProfile;
import ua.itdesk.contracts.v1.Role;

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
                string(token, DEPARTMENT), role(token.getGroups()), null);
    }

    /** The highest role among the token's groups; a token is only ever issued with one. */
    static Role role(Set<String> groups) {
        if (groups.contains(Role.SUPERVISOR.group())) {
            return Role.SUPERVISOR;
        }
        if (groups.contains(Role.SPECIALIST.group())) {
            return Role.SPECIALIST;
        }
        return Role.EMPLOYEE;
    }

    private static String string(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return value == null ? null : value.toString();
    }
}
