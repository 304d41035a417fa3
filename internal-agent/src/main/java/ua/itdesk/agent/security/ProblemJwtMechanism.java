package ua.itdesk.agent.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;
import ua.itdesk.agent.api.Problems;
import ua.itdesk.contracts.v1.Problem;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * The JWT bearer mechanism, unchanged, except that its challenge (a missing, invalid or expired token) is an
 * {@code application/problem+json} 401 like every other error, not an empty body. The challenge is sent below
 * JAX-RS, before any resource or exception mapper runs, hence this wrapper.
 */
@Alternative
@Priority(1)
@ApplicationScoped
class ProblemJwtMechanism implements HttpAuthenticationMechanism {

    private final JWTAuthMechanism jwt;
    private final Problems problems;

    ProblemJwtMechanism(JWTAuthMechanism jwt, Problems problems) {
        this.jwt = jwt;
        this.problems = problems;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return jwt.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return jwt.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return jwt.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return jwt.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return jwt.getPriority();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (!response.ended() && !response.headWritten()) {
            Problem problem = problems.problem(ProblemType.UNAUTHENTICATED, 401,
                    "A valid bearer token is required.", context.normalizedPath());
            response.setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Bearer")
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(problems.json(problem));
        }
        return Uni.createFrom().item(true);
    }
}
