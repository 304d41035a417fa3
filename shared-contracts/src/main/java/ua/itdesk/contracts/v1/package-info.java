/**
 * Version 1 of the bot-agent API, served by the internal agent under {@code /api/v1} over mutual TLS.
 *
 * <p>Calls made for an employee ({@link ua.itdesk.contracts.v1.AuthApi} after verify,
 * {@link ua.itdesk.contracts.v1.RequestsApi}) carry the per-employee JWT the agent issued at login
 * ({@code Authorization: Bearer ...}); the agent authorizes each call for that employee. The bot's service calls
 * ({@link ua.itdesk.contracts.v1.EventsApi}, {@link ua.itdesk.contracts.v1.PresenceApi},
 * {@link ua.itdesk.contracts.v1.ConsultationsApi}) carry no token and are admitted only for the bot's client
 * certificate. Errors are
 * RFC 7807 {@code application/problem+json} bodies ({@link ua.itdesk.contracts.v1.Problem}).
 *
 * <p>The API is deliberately narrow (Z2): no JQL, LDAP or bulk pass-through, so a compromised bot can only do what
 * the bot needs to do, one employee at a time.
 */
package ua.itdesk.contracts.v1;
