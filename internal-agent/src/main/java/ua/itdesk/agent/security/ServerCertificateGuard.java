package ua.itdesk.agent.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;
import org.jboss.logging.Logger;
import ua.itdesk.agent.config.AgentConfig;

/**
 * Keeps a server key that does not fit its certificate from ever being served. The TLS registry reads
 * {@code agent.tls.cert} and {@code agent.tls.key} again every {@code agent.tls.reload-period} and hands what it read
 * to the listeners as it is; a renewal replaces the two files one after the other, and a reload falling between
 * the two renames would give every new connection a certificate the server cannot prove it owns (handshakes fail
 * until the next reload, an hour by default). This observer runs before the listeners take the update: it waits a
 * moment for the second file, reading both again, and if the pair still does not fit it stops the update (the
 * listeners keep the pair they serve), logs an error and counts {@code agent_tls_rejected_reloads_total}. At
 * start a pair that does not fit stops the agent with a message naming both files.
 */
@Singleton
public class ServerCertificateGuard {

    /** The TLS registry's name for the agent's server certificate (application.properties). */
    public static final String TLS_CONFIGURATION = "agent";

    private static final Logger LOG = Logger.getLogger(ServerCertificateGuard.class);
    private static final Duration SECOND_FILE_GRACE = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Vertx vertx;
    private final AgentConfig config;
    private final Counter rejected;
    private volatile String served = "";

    ServerCertificateGuard(Vertx vertx, AgentConfig config, MeterRegistry metrics) {
        this.vertx = vertx;
        this.config = config;
        this.rejected = Counter.builder("agent_tls_rejected_reloads")
                .description("Reloads of the server certificate whose key did not fit; the previous pair stayed")
                .register(metrics);
    }

    void atStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start,
            TlsConfigurationRegistry registry) {
        TlsConfiguration tls = registry.get(TLS_CONFIGURATION).orElseThrow();
        misfit(tls).ifPresent(problem -> {
            throw new IllegalStateException(problem + " (" + files() + "): the agent does not start with it");
        });
        served = served(tls);
    }

    /**
     * Runs on the registry's worker thread before the listeners' observers; an exception here ends the event's
     * delivery, so they never see the update.
     */
    void beforeTheListenersTakeIt(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE)
            CertificateUpdatedEvent updated) throws InterruptedException {
        if (!TLS_CONFIGURATION.equals(updated.name())) {
            return;
        }
        TlsConfiguration tls = updated.tlsConfiguration();
        Instant giveUp = Instant.now().plus(SECOND_FILE_GRACE);
        Optional<String> problem = misfit(tls);
        while (problem.isPresent() && Instant.now().isBefore(giveUp)) {
            Thread.sleep(POLL.toMillis());
            tls.reload();
            problem = misfit(tls);
        }
        if (problem.isPresent()) {
            rejected.increment();
            LOG.errorf("Server certificate not reloaded: %s (%s). New connections keep the certificate served so far;"
                    + " the next reload in %s tries again", problem.get(), files(), config.tls().reloadPeriod());
            throw new IllegalStateException("server key does not fit its certificate; reload refused");
        }
        String now = served(tls);
        if (!now.equals(served)) {
            LOG.infof("Server certificate for new connections: %s (read from %s)", now, files());
            served = now;
        }
    }

    private String files() {
        return "agent.tls.cert=" + config.tls().cert() + ", agent.tls.key=" + config.tls().key();
    }

    /** Subject, serial and expiry of the certificates the registry read, to tell a renewal from a re-read. */
    private static String served(TlsConfiguration tls) {
        try {
            KeyStore store = tls.getKeyStore();
            StringBuilder description = new StringBuilder();
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    description.append(description.isEmpty() ? "" : "; ")
                            .append(certificate.getSubjectX500Principal().getName()).append(" serial ")
                            .append(certificate.getSerialNumber().toString(16)).append(" valid until ")
                            .append(certificate.getNotAfter().toInstant());
                }
            }
            return description.toString();
        } catch (Exception e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Why the key the registry read does not fit the certificate beside it; empty when it does. */
    private Optional<String> misfit(TlsConfiguration tls) {
        try {
            KeyStore store = tls.getKeyStore();
            X509KeyManager keys = x509(tls.getKeyStoreOptions().getKeyManagerFactory(vertx).getKeyManagers());
            for (String alias : Collections.list(store.aliases())) {
                X509Certificate[] chain = keys.getCertificateChain(alias);
                PrivateKey key = keys.getPrivateKey(alias);
                if (chain == null || chain.length == 0 || key == null) {
                    continue;
                }
                if (!KeyFit.fits(key, chain[0].getPublicKey())) {
                    return Optional.of("the private key does not fit the certificate "
                            + chain[0].getSubjectX500Principal().getName() + " (serial " + chain[0].getSerialNumber()
                            .toString(16) + ")");
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("the key or certificate cannot be read: " + e.getMessage());
        }
    }

    private static X509KeyManager x509(KeyManager[] managers) {
        for (KeyManager manager : managers) {
            if (manager instanceof X509KeyManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 key manager for the server certificate");
    }
}
