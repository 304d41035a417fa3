package ua.itdesk.agent.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import ua.itdesk.agent.audit.AuditLog;
import ua.itdesk.agent.audit.AuditLog.Outcome;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.config.AgentConfig.Jira.EventSource;
import ua.itdesk.agent.directory.DirectoryUnavailableException;
import ua.itdesk.agent.jira.JiraUnavailableException;
import ua.itdesk.agent.security.ServerCertificateGuard;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * Jira's webhooks (Z3, {@code agent.jira.events=webhook}): a listener of its own, {@code POST /jira/webhook} on
 * {@code agent.jira.webhook.port}, HTTPS with the agent's server certificate (from the TLS registry, so a renewal
 * reaches it as it reaches the API port) and without client certificates, because the API port admits only the
 * bot's. Each delivery must be signed ({@link WebhookGuard}); refusals and
 * ignored replays are audited. The body is read on the event loop, bounded by
 * {@code agent.jira.webhook.max-body-bytes}; its content is turned into events on a worker thread
 * ({@link WebhookIntake}). Answers: 204 taken (also when it stood for no event), 200 a replay ignored, 400 not
 * JSON, 401 unsigned or badly signed, 413 too large, 503 (with {@code Retry-After}) when the directory or Jira could
 * not be asked, so that Jira tries again.
 */
@ApplicationScoped
class WebhookListener {

    static final String PATH = "/jira/webhook";
    static final String DELIVERY_HEADER = "X-Atlassian-Webhook-Identifier";
    static final String SIGNATURE_HEADER = "X-Hub-Signature";
    private static final Logger LOG = Logger.getLogger(WebhookListener.class);
    private static final int MAX_REMEMBERED = 50_000;
    private static final String RETRY_AFTER_SECONDS = "10";
    private static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private final Vertx vertx;
    private final AgentConfig config;
    private final WebhookIntake intake;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    private WebhookGuard guard;
    private HttpServer server;

    WebhookListener(Vertx vertx, AgentConfig config, WebhookIntake intake, ObjectMapper json, AuditLog audit,
            MeterRegistry metrics) {
        this.vertx = vertx;
        this.config = config;
        this.intake = intake;
        this.json = json;
        this.audit = audit;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent start, TlsConfigurationRegistry registry) throws Exception {
        if (EventSources.of(config.jira()) != EventSource.WEBHOOK) {
            return;
        }
        AgentConfig.Jira.Webhook settings = config.jira().webhook();
        String secret = settings.secret().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "agent.jira.webhook.secret (env AGENT_JIRA_WEBHOOK_SECRET) is required when agent.jira.events is"
                        + " webhook: unsigned webhooks are never accepted"));
        guard = new WebhookGuard(secret, settings.replayWindow(), MAX_REMEMBERED);
        HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
                .setSsl(true).setClientAuth(ClientAuth.NONE)
                .setKeyCertOptions(registry.get(ServerCertificateGuard.TLS_CONFIGURATION).orElseThrow()
                        .getKeyStoreOptions())
                .setEnabledSecureTransportProtocols(PROTOCOLS);
        Router router = Router.router(vertx);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()))
                .handler(this::handle);
        router.route().failureHandler(this::failure);
        server = vertx.createHttpServer(options).requestHandler(router).listen()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("Jira webhooks: listening on https://%s:%d%s, signed with the configured secret", settings.host(),
                server.actualPort(), PATH);
    }

    /** A renewed server certificate (after {@link ServerCertificateGuard} let it through) for new connections. */
    void certificateRenewed(@Observes CertificateUpdatedEvent updated) throws Exception {
        if (server == null || !ServerCertificateGuard.TLS_CONFIGURATION.equals(updated.name())) {
            return;
        }
        boolean changed = server.updateSSLOptions(new SSLOptions()
                .setKeyCertOptions(updated.tlsConfiguration().getKeyStoreOptions())
                .setEnabledSecureTransportProtocols(PROTOCOLS)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        if (changed) {
            LOG.info("Jira webhooks: new connections get the renewed server certificate");
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        if (server != null) {
            server.close();
        }
    }

    /** The port the listener is bound to; -1 when it does not run. */
    int port() {
        return server == null ? -1 : server.actualPort();
    }

    private void handle(RoutingContext context) {
        byte[] body = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
        String delivery = context.request().getHeader(DELIVERY_HEADER);
        String remote = context.request().remoteAddress() == null ? null
                : context.request().remoteAddress().hostAddress();
        WebhookGuard.Verdict signature = guard.verify(context.request().getHeader(SIGNATURE_HEADER), body);
        if (signature != WebhookGuard.Verdict.ACCEPTED) {
            refuse(context, 401, Outcome.UNAUTHENTICATED, signature, delivery, remote);
            return;
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (IOException e) {
            payload = null;
        }
        if (payload == null || !payload.isObject()) {
            refuse(context, 400, Outcome.INVALID, null, delivery, remote);
            return;
        }
        Instant stamped = payload.hasNonNull("timestamp") ? Instant.ofEpochMilli(payload.get("timestamp").asLong())
                : null;
        WebhookGuard.Claim claim = WebhookGuard.claimOf(delivery, body);
        WebhookGuard.Verdict replay = guard.claim(claim, stamped, clock.instant());
        if (replay != WebhookGuard.Verdict.ACCEPTED) {
            // 200, not an error: a retry of a delivery already taken must not be sent again and again
            count(replay.name());
            audit.webhook(Outcome.DENIED, replay.name(), delivery, remote);
            context.response().setStatusCode(200).end();
            return;
        }
        JsonNode taken = payload;
        vertx.<List<RequestEvent>>executeBlocking(() -> intake.take(taken), false).onComplete(result -> {
            if (result.succeeded()) {
                count("ACCEPTED");
                LOG.debugf("webhook %s %s: %d event(s)", delivery, taken.path("webhookEvent").asText(),
                        result.result().size());
                context.response().setStatusCode(204).end();
                return;
            }
            guard.failed(claim);
            Throwable failure = result.cause();
            if (failure instanceof DirectoryUnavailableException || failure instanceof JiraUnavailableException
                    || failure instanceof FaultToleranceException) {
                LOG.warnf("webhook %s not taken, Jira will retry: %s", delivery, failure.toString());
                count("UNAVAILABLE");
                context.response().setStatusCode(503).putHeader("Retry-After", RETRY_AFTER_SECONDS).end();
            } else if (failure instanceof IllegalArgumentException) {
                LOG.warnf("webhook %s refused: %s", delivery, failure.getMessage());
                refuse(context, 400, Outcome.INVALID, null, delivery, remote);
            } else {
                LOG.errorf(failure, "webhook %s failed", delivery);
                count("FAILED");
                context.response().setStatusCode(500).end();
            }
        });
    }

    private void failure(RoutingContext context) {
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        if (status == 413) {
            audit.webhook(Outcome.INVALID, "TOO_LARGE", context.request().getHeader(DELIVERY_HEADER),
                    context.request().remoteAddress() == null ? null
                            : context.request().remoteAddress().hostAddress());
            count("TOO_LARGE");
        } else if (context.failure() != null) {
            LOG.errorf(context.failure(), "webhook listener failed");
        }
        if (!context.response().ended()) {
            context.response().setStatusCode(status).end();
        }
    }

    private void refuse(RoutingContext context, int status, Outcome outcome, WebhookGuard.Verdict verdict,
            String delivery, String remote) {
        String reason = verdict == null ? "NOT_JSON" : verdict.name();
        count(reason);
        audit.webhook(outcome, reason, delivery, remote);
        context.response().setStatusCode(status).end();
    }

    private void count(String outcome) {
        Counter.builder("agent.jira.webhooks").description("Jira webhook deliveries by outcome")
                .tag("outcome", outcome.toLowerCase(java.util.Locale.ROOT).replace('_', '-')).register(metrics)
                .increment();
    }
}
