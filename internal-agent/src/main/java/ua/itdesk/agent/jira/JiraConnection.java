package ua.itdesk.agent.jira;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import ua.itdesk.agent.audit.CorrelationHeader;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.config.AgentConfig.Jira.Flavour;

/**
 * The configured Jira: REST clients for both APIs with base URL, trust, timeouts, authentication and error mapping
 * from {@code agent.jira.*}. Built once at start-up, and only when {@code agent.jira.url} is set; a set URL with
 * a missing or malformed companion key stops start-up with the key's name.
 */
final class JiraConnection {

    final URI url;
    final Flavour flavour;
    final String serviceDeskId;
    final ZoneId zone;
    final JsmApi jsm;
    final PlatformApi platform;

    private JiraConnection(URI url, Flavour flavour, String serviceDeskId, ZoneId zone, JsmApi jsm,
            PlatformApi platform) {
        this.url = url;
        this.flavour = flavour;
        this.serviceDeskId = serviceDeskId;
        this.zone = zone;
        this.jsm = jsm;
        this.platform = platform;
    }

    /** Empty when Jira is not configured. */
    static Optional<JiraConnection> open(AgentConfig.Jira config) {
        if (config.url().isEmpty()) {
            return Optional.empty();
        }
        URI url = baseUrl(config.url().get());
        String token = config.token().filter(t -> !t.isBlank())
                .orElseThrow(() -> missing("agent.jira.token", "it is required once agent.jira.url is set"));
        JiraAuthentication authentication = switch (config.flavour()) {
            case DATA_CENTER -> JiraAuthentication.bearer(token);
            case CLOUD -> JiraAuthentication.basic(config.userEmail().filter(e -> e.contains("@"))
                    .orElseThrow(() -> missing("agent.jira.user-email", "Cloud needs the API token owner's e-mail")),
                    token);
        };
        String serviceDeskId = config.serviceDeskId()
                .filter(id -> JiraText.NUMERIC_ID.matcher(id).matches())
                .orElseThrow(() -> missing("agent.jira.service-desk-id", "digits, the id of the service desk"));
        KeyStore trust = config.trustCerts().map(JiraConnection::trustStore).orElse(null);
        JiraErrorMapper errors = new JiraErrorMapper(Clock.systemUTC());
        JsmApi jsm = builder(url, config, trust, authentication, errors).build(JsmApi.class);
        PlatformApi platform = builder(url, config, trust, authentication, errors).build(PlatformApi.class);
        return Optional.of(new JiraConnection(url, config.flavour(), serviceDeskId, config.timeZone(), jsm, platform));
    }

    private static QuarkusRestClientBuilder builder(URI url, AgentConfig.Jira config, KeyStore trust,
            JiraAuthentication authentication, JiraErrorMapper errors) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .loggingMaskedHeaders(Set.of("Authorization"))
                .userAgent("itdesk-agent")
                .register(authentication)
                .register(new CorrelationHeader())
                .register(errors);
        return trust == null ? builder : builder.trustStore(trust);
    }

    /** HTTPS only (S1); a trailing slash would double the one every API path starts with. */
    private static URI baseUrl(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalStateException("agent.jira.url must be an https:// URL");
        }
        if (url.getQuery() != null || url.getFragment() != null) {
            throw new IllegalStateException("agent.jira.url must not have a query or fragment");
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static KeyStore trustStore(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException("agent.jira.trust-certs holds no certificate: " + pem);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("jira-ca-" + i++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("agent.jira.trust-certs cannot be read: " + pem, e);
        }
    }

    private static IllegalStateException missing(String key, String why) {
        return new IllegalStateException(key + " is missing or malformed: " + why);
    }
}
