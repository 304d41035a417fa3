package ua.itdesk.agent.identity;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.security.JwtKeys;
import ua.itdesk.agent.security.SessionClaims;
import ua.itdesk.contracts.v1.EmployeeProfile;
import ua.itdesk.contracts.v1.SessionToken;

/**
 * Issues the per-employee session token: RS256, subject and {@code upn} = employee id, {@code groups} = role,
 * short-lived. The signing key {@code agent.jwt.sign-key} is read at each signing, so replacing the file rotates it;
 * the header names the key ({@code kid}, {@link JwtKeys}) so that the verifying side can hold the old key and the
 * new one at once.
 */
@ApplicationScoped
class TokenIssuer {

    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Path signKey;

    TokenIssuer(AgentConfig config) {
        this.signKey = config.jwt().signKey();
        this.issuer = config.jwt().issuer();
        this.audience = config.jwt().audience();
        this.lifetime = config.jwt().lifetime();
    }

    SessionToken issue(EmployeeProfile profile, Long telegramUserId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(lifetime);
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .audience(audience)
                .subject(profile.employeeId())
                .upn(profile.employeeId())
                .groups(Set.of(profile.role().group()))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(expiresAt);
        optional(claims, TokenClaims.NAME, profile.fullName());
        optional(claims, TokenClaims.POSITION, profile.position());
        optional(claims, TokenClaims.DEPARTMENT, profile.department());
        optional(claims, SessionClaims.JIRA_ACCOUNT, profile.jiraAccount());
        if (telegramUserId != null) {
            claims.claim(SessionClaims.TELEGRAM_USER, telegramUserId);
        }
        JwtKeys.SigningKey key = JwtKeys.signingKey(signKey);
        String token = claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(key.keyId()).sign(key.key());
        return new SessionToken(token, expiresAt, profile);
    }

    private static void optional(JwtClaimsBuilder claims, String name, String value) {
        if (value != null) {
            claims.claim(name, value);
        }
    }
}
