/**
 * Version 1 of the bot-agent API, served by the internal agent under {@code /api/v1} over mutual TLS.
 *
 * <p>Every call except {@link ua.itdesk.contracts.v1.AuthApi#verify} carries the per-employee JWT the agent issued
 * at login ({@code Authorization: Bearer ...}); the agent authorizes each call for that employee. Errors are
 * RFC 7807 {@code application/problem+json} bodies ({@link ua.itdesk.contracts.v1.Problem}).
 *
 * <p>The API is deliberately narrow (Z2): no JQL, LDAP or bulk pass-through, so a compromised bot can only do what
 * the bot needs to do, one employee at a time.
 */
package ua.itdesk.contracts.v1;
