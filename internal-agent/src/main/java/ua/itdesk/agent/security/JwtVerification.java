package ua.itdesk.agent.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.util.Set;
import org.jboss.logging.Logger;
import ua.itdesk.agent.config.AgentConfig;

/**
 * What smallrye-jwt verifies tokens against, from {@code agent.jwt.*} instead of its single key location: every key of
 * {@code agent.jwt.verify-key} in one key set, each named by its {@code kid}, so that during a rotation the tokens of
 * the old key and of the new one are both accepted; RS256 only (so {@code alg: none} or an HMAC signature made with
 * the public key never verifies), the issuer and the audience required, smallrye's 60 s clock skew.
 */
@ApplicationScoped
class JwtVerification {

    private static final Logger LOG = Logger.getLogger(JwtVerification.class);

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(AgentConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(JwtKeys.keySet(config.jwt().verifyKey()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setIssuedBy(config.jwt().issuer());
        info.setExpectedAudience(Set.of(config.jwt().audience()));
        LOG.infof("session tokens are verified with %d key(s): %s", config.jwt().verifyKey().size(),
                config.jwt().verifyKey().stream().map(JwtKeys::publicKey).map(JwtKeys::keyId).toList());
        return info;
    }
}
