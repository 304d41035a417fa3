package ua.itdesk.agent.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import ua.itdesk.agent.audit.AuditLog;
import ua.itdesk.contracts.v1.ApiPaths;

/**
 * Runs in front of authentication for every {@code /api/} request: puts the bot's correlation id into the logging
 * context and echoes it, and writes one audit event per call once the response is sent, with the employee the
 * call was made for. Sitting below JAX-RS, it also sees calls refused before any resource runs (401).
 */
@ApplicationScoped
class ApiAccessLog {

    /** Before CORS (300) and authentication (200), so that every refusal is logged with its correlation id. */
    private static final int PRIORITY = 1000;
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final AuditLog audit;

    ApiAccessLog(AuditLog audit) {
        this.audit = audit;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    private void handle(RoutingContext context) {
        String path = context.normalizedPath();
        if (!path.startsWith(ApiPaths.ROOT + "/")) {
            context.next();
            return;
        }
        long started = System.nanoTime();
        String header = context.request().getHeader(ApiPaths.CORRELATION_HEADER);
        // A malformed id is dropped, not logged: the header is the caller's text and could forge log lines.
        String correlationId = header != null && CORRELATION_ID.matcher(header).matches() ? header : null;
        if (correlationId != null) {
            MDC.put(AuditLog.CORRELATION_ID, correlationId);
            context.response().putHeader(ApiPaths.CORRELATION_HEADER, correlationId);
        }
        String method = context.request().method().name();
        context.addEndHandler(done -> {
            String employee = null;
            Long telegramUser = null;
            if (context.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
                SecurityIdentity identity = user.getSecurityIdentity();
                employee = identity.getPrincipal().getName();
                if (identity.getPrincipal() instanceof JsonWebToken token) {
                    telegramUser = SessionClaims.telegramUserId(token);
                }
            }
            audit.call(method, path, context.response().getStatusCode(), employee, telegramUser,
                    (System.nanoTime() - started) / 1_000_000, correlationId);
            MDC.remove(AuditLog.CORRELATION_ID);
        });
        context.next();
    }
}
