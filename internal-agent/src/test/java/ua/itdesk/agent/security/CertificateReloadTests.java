package ua.itdesk.agent.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Numbers;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.pki.Pki;

/**
 * A renewed server certificate, written over the files {@code agent.tls.cert} and {@code agent.tls.key} name, is
 * served to new connections within {@code agent.tls.reload-period}, without a restart, on the bot's API and on the
 * Jira webhook listener alike (deploy/internal/README.md, "Rotate secrets"). A key that does not fit the certificate
 * beside it, as between the two renames of a renewal, is never served. The bot keeps its client certificate
 * throughout.
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class, initArgs = @ResourceArg(name = "jira",
        value = AgentSandboxResource.JIRA_STAND_IN_DATA_CENTER))
@TestProfile(CertificateReloadTests.ShortReloadPeriod.class)
class CertificateReloadTests {

    private static final Duration RELOAD_PERIOD = Duration.ofSeconds(1);
    private static final int CUT_WHILE_SWAPPING = 3;

    public static class ShortReloadPeriod implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("agent.tls.reload-period", RELOAD_PERIOD.toString());
        }
    }

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @Inject
    MeterRegistry metrics;

    private Pki current;
    private Path originalCert;
    private Path originalKey;
    // the renewed certificate comes from a second PKI here; the bot trusts both CAs, as during a CA change
    private Pki renewed;
    private Path bothCas;

    @BeforeEach
    void keepTheOriginalPair() throws Exception {
        current = sandbox.pki();
        originalCert = Files.copy(current.agentCert(), Files.createTempFile("agent-original", ".crt"),
                StandardCopyOption.REPLACE_EXISTING);
        originalKey = Files.copy(current.agentKey(), Files.createTempFile("agent-original", ".key"),
                StandardCopyOption.REPLACE_EXISTING);
        renewed = Pki.generate(Files.createTempDirectory("agent-renewed-pki"));
        bothCas = Files.writeString(Files.createTempFile("cas", ".pem"),
                Files.readString(current.caCert()) + Files.readString(renewed.caCert()));
    }

    @AfterEach
    void putTheOriginalPairBack() throws Exception {
        replace(originalKey, current.agentKey());
        replace(originalCert, current.agentCert());
        awaitServed(serial(originalCert), agent.getPort());
    }

    @Test
    void aReplacedServerCertificateIsServedWithoutARestart() throws Exception {
        BigInteger original = serial(originalCert);
        BigInteger renewedSerial = serial(renewed.agentCert());
        assertThat(servedSerial(agent.getPort())).isEqualTo(original).isNotEqualTo(renewedSerial);
        assertThat(servedSerial(webhookPort())).isEqualTo(original);

        replace(renewed.agentKey(), current.agentKey());
        replace(renewed.agentCert(), current.agentCert());

        assertThat(awaitServed(renewedSerial, agent.getPort())).as("the API's serial within 20 s of the replacement")
                .isEqualTo(renewedSerial);
        assertThat(awaitServed(renewedSerial, webhookPort())).as("the webhook listener's serial")
                .isEqualTo(renewedSerial);
        AgentClient bot = AgentClient.withCertificate(agent, current.botCert(), current.botKey(), bothCas);
        assertThat(bot.verify(Numbers.strangerTelegramId(), Numbers.unknownNumber()).status()).isEqualTo(403);
    }

    @Test
    void aKeyThatDoesNotFitItsCertificateIsNeverServed() throws Exception {
        BigInteger original = serial(originalCert);
        double refusedBefore = refusedReloads();
        replace(renewed.agentKey(), current.agentKey());

        // several reloads find the renewed key beside the old certificate; each handshake must still succeed
        Instant until = Instant.now().plus(RELOAD_PERIOD.multipliedBy(4));
        while (Instant.now().isBefore(until)) {
            assertThat(servedSerial(agent.getPort())).isEqualTo(original);
            assertThat(servedSerial(webhookPort())).isEqualTo(original);
            Thread.sleep(100);
        }

        assertThat(refusedReloads()).as("reloads refused, for the operator's alert").isGreaterThan(refusedBefore);

        replace(renewed.agentCert(), current.agentCert());
        BigInteger renewedSerial = serial(renewed.agentCert());
        assertThat(awaitServed(renewedSerial, agent.getPort())).as("the pair, once it fits, within 20 s")
                .isEqualTo(renewedSerial);
    }

    private double refusedReloads() {
        return metrics.counter("agent_tls_rejected_reloads").count();
    }

    private int webhookPort() {
        return sandbox.jiraWebhook().getPort();
    }

    /**
     * Polls new connections until the listener presents {@code expected}; the last serial seen if it never does.
     * A connection opened in the instant the listener swaps its certificate may be cut during its handshake (Vert.x
     * 4.5 sets up such a connection while the new SSL context is not ready, and closes it; the bot retries): up to
     * {@link #CUT_WHILE_SWAPPING} such cuts are allowed while waiting, more fail the test.
     */
    private BigInteger awaitServed(BigInteger expected, int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        int cut = 0;
        BigInteger served = null;
        while (!expected.equals(served) && Instant.now().isBefore(deadline)) {
            if (served != null || cut > 0) {
                Thread.sleep(100);
            }
            try {
                served = servedSerial(port);
            } catch (SSLHandshakeException e) {
                assertThat(++cut).as("handshakes cut while the listener swaps its certificate: " + e)
                        .isLessThanOrEqualTo(CUT_WHILE_SWAPPING);
            }
        }
        return served;
    }

    /** The serial of the certificate a listener presents to a new connection of the bot. */
    private BigInteger servedSerial(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) Pki.sslContext(current.botCert(), current.botKey(), bothCas)
                .getSocketFactory().createSocket(agent.getHost(), port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    /** As an operator does it: written beside the target, then renamed over it, so no half file is ever read. */
    private static void replace(Path source, Path target) throws Exception {
        Path beside = Files.copy(source, target.resolveSibling(target.getFileName() + ".new"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(beside, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static BigInteger serial(Path pem) throws Exception {
        return ((X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)))).getSerialNumber();
    }
}
