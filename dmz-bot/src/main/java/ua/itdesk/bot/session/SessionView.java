package ua.itdesk.bot.session;

import java.time.Instant;
import ua.itdesk.contracts.v1.Role;

/**
 * A read-only snapshot of a user's session, role cache included; never holds the token itself.
 *
 * @param state          the conversation state's stable name
 * @param employeeId     who is logged in, null when nobody is
 * @param hasToken       whether an agent token is stored
 * @param expiresAt      when that token expires, null without one
 * @param callbackNonce  the value that binds this session's buttons to it, null when logged out
 * @param lastActivityAt the last update handled for this user
 * @param role           the cached role, null when none is cached
 * @param roleExpiresAt  until when the cached role is trusted
 */
public record SessionView(long telegramUserId, long chatId, String state, String employeeId, boolean hasToken,
                          Instant expiresAt, String callbackNonce, Instant lastActivityAt, Role role,
                          Instant roleExpiresAt) {
}
