package ua.itdesk.contracts.v1;

import java.time.Instant;

/**
 * The answer to a successful verification or refresh: a signed JWT for this employee and who they are.
 *
 * @param token     compact JWS; subject = employee id, groups = role; the bot sends it as a Bearer token on every
 *                  call it makes for this person
 * @param expiresAt when the token stops being accepted
 * @param employee  the verified profile
 */
public record SessionToken(String token, Instant expiresAt, EmployeeProfile employee) {
}
