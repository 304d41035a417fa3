package ua.itdesk.agent.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import ua.itdesk.agent.api.Problems;
import ua.itdesk.agent.audit.AuditLog;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.Problem;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * The bot's own calls (event stream, presence, consultations) carry no employee token: the TLS handshake has
 * already proved a certificate of the bot's CA, and this filter lets only the configured subject names
 * ({@code agent.tls.bot-names}) through. The paths are open to the HTTP permission layer ({@code application.properties}), so this is their only
 * gate; it runs before routing, for every request on those paths.
 */
@ApplicationScoped
class BotServiceCalls {

    /** Paths of the service calls; everything below them too. */
    static final List<String> PATHS = List.of(ApiPaths.EVENTS, ApiPaths.PRESENCE, ApiPaths.CONSULTATIONS);

    private final Set<String> botNames;
    private final Problems problems;
    private final AuditLog audit;

    BotServiceCalls(AgentConfig config, Problems problems, AuditLog audit) {
        this.botNames = Set.copyOf(config.tls().botNames());
        this.problems = problems;
        this.audit = audit;
    }

    void register(@Observes Filters filters) {
        // above the security layer's priority, so that a refused certificate never reaches authentication
        filters.register(this::filter, 1_000);
    }

    private void filter(RoutingContext context) {
        String path = context.normalizedPath();
        if (!isServicePath(path)) {
            context.next();
            return;
        }
        String subject = peerName(context.request().sslSession());
        if (subject != null && botNames.contains(subject)) {
            context.next();
            return;
        }
        audit.serviceCallRefused(context.request().method().name(), path, subject == null ? "-" : subject);
        Problem problem = problems.problem(ProblemType.FORBIDDEN, 403,
                "This call is reserved for the bot's certificate.", path);
        context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problems.json(problem));
    }

    static boolean isServicePath(String path) {
        return path != null && PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /** The common name of the client certificate's subject; null when there is none. */
    static String peerName(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return null;
            }
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return null;
        }
    }
}
