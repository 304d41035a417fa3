package ua.itdesk.agent.security;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.audit.AuditLog;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * Caps the calls the bot may make for one employee (Z2): a compromised bot holding many tokens still cannot
 * hammer Jira, AD or HR through any one of them. Calls without a token (only verification) are throttled there.
 */
@ApplicationScoped
class CallRateLimit {

    private final SlidingWindowLimiter limiter;
    private final AuditLog audit;

    CallRateLimit(AgentConfig config, AuditLog audit) {
        this.limiter = new SlidingWindowLimiter(config.calls().limit(), config.calls().window(),
                Clock.systemUTC());
        this.audit = audit;
    }

    @ServerRequestFilter
    public void limit(ContainerRequestContext request) {
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (caller == null) {
            return;
        }
        Optional<Duration> wait = limiter.tryAcquire(caller.getName());
        if (wait.isPresent()) {
            audit.callThrottled(request.getMethod(), request.getUriInfo().getPath(), caller.getName());
            throw new ApiException(ProblemType.THROTTLED, "CALL_RATE", "Too many calls for this person; retry later.",
                    wait.get(), null);
        }
    }

    @Scheduled(identity = "call-rate-eviction", every = "1m")
    void evictExpired() {
        limiter.evictExpired();
    }
}
