package ua.itdesk.agent.security;

import jakarta.json.JsonNumber;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** What every session token says about the caller beyond the standard claims. */
public final class SessionClaims {

    /** The Telegram user the token was issued to at verification, so later calls can be audited with them. */
    public static final String TELEGRAM_USER = "telegram_user_id";

    private SessionClaims() {
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
