package ua.itdesk.agent.security;

import jakarta.json.JsonNumber;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import ua.itdesk.contracts.v1.Role;

/** What every session token says about the caller beyond the standard claims. */
public final class SessionClaims {

    /** The Telegram user the token was issued to at verification, so later calls can be audited with them. */
    public static final String TELEGRAM_USER = "telegram_user_id";

    /**
     * The employee's Jira account reference (user name on Data Center, accountId on Cloud), looked up at login so
     * that later calls need no look-up; absent when Jira could not be asked then.
     */
    public static final String JIRA_ACCOUNT = "jira";

    private SessionClaims() {
    }

    /** The highest role among the token's groups; a token is only ever issued with one. */
    public static Role role(JsonWebToken token) {
        Set<String> groups = token.getGroups();
        if (groups.contains(Role.SUPERVISOR.group())) {
            return Role.SUPERVISOR;
        }
        if (groups.contains(Role.SPECIALIST.group())) {
            return Role.SPECIALIST;
        }
        return Role.EMPLOYEE;
    }

    /** The Jira account of a token, or null when login could not look it up. */
    public static String jiraAccount(JsonWebToken token) {
        Object value = token.getClaim(JIRA_ACCOUNT);
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return value == null ? null : value.toString();
    }

    /** The Telegram user of a token, or null for a token without one. */
    public static Long telegramUserId(JsonWebToken token) {
        Object value = token.getClaim(TELEGRAM_USER);
        if (value instanceof JsonNumber n) {
            return n.longValue();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return null;
    }
}
