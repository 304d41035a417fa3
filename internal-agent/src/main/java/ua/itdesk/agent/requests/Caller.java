package ua.itdesk.agent.requests;

import org.eclipse.microprofile.jwt.JsonWebToken;
import ua.itdesk.agent.security.SessionClaims;
import ua.itdesk.contracts.v1.Role;

/**
 * The employee a call is made for, as the session token says.
 *
 * @param employeeId  the token's subject
 * @param role        from the token's groups
 * @param jiraAccount the Jira account looked up at login, or null when login could not look it up
 */
record Caller(String employeeId, Role role, String jiraAccount) {

    static Caller of(JsonWebToken token) {
        return new Caller(token.getSubject(), SessionClaims.role(token), SessionClaims.jiraAccount(token));
    }
}
