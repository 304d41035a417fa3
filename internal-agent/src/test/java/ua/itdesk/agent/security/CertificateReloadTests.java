package ua.itdesk.agent.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Numbers;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.pki.Pki;

/**
 * A renewed server certificate, written over the files {@code agent.tls.cert} and {@code agent.tls.key} name, is
 * served to new connections within {@code agent.tls.reload-period}, without a restart (deploy/internal/README.md,
 * "Rotate secrets"). The bot keeps its client certificate throughout.
 */
@QuarkusTest
@WithTestResource(AgentSandboxResource.class)
@TestProfile(CertificateReloadTests.ShortReloadPeriod.class)
class CertificateReloadTests {

    public static class ShortReloadPeriod implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("agent.tls.reload-period", "PT1S");
        }
    }

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @Test
    void aReplacedServerCertificateIsServedWithoutARestart() throws Exception {
        Pki current = sandbox.pki();
        // the renewed certificate comes from a second PKI here; the bot trusts both CAs, as during a CA change
        Pki renewed = Pki.generate(Files.createTempDirectory("agent-renewed-pki"));
        Path bothCas = Files.writeString(Files.createTempFile("cas", ".pem"),
                Files.readString(current.caCert()) + Files.readString(renewed.caCert()));
        BigInteger original = certificate(current.agentCert()).getSerialNumber();
        BigInteger renewedSerial = certificate(renewed.agentCert()).getSerialNumber();
        assertThat(servedSerial(bothCas)).isEqualTo(original).isNotEqualTo(renewedSerial);

        replace(renewed.agentKey(), current.agentKey());
        replace(renewed.agentCert(), current.agentCert());

        Instant deadline = Instant.now().plusSeconds(20);
        BigInteger served = servedSerial(bothCas);
        while (!served.equals(renewedSerial) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            served = servedSerial(bothCas);
        }
        assertThat(served).as("the serial served within 20 s of the replacement").isEqualTo(renewedSerial);
        AgentClient bot = AgentClient.withCertificate(agent, current.botCert(), current.botKey(), bothCas);
        assertThat(bot.verify(Numbers.strangerTelegramId(), Numbers.unknownNumber()).status()).isEqualTo(403);
    }

    /** The serial of the certificate the API listener presents to a new connection of the bot. */
    private BigInteger servedSerial(Path trustedCas) throws Exception {
        Pki pki = sandbox.pki();
        try (SSLSocket socket = (SSLSocket) Pki.sslContext(pki.botCert(), pki.botKey(), trustedCas).getSocketFactory()
                .createSocket(agent.getHost(), agent.getPort())) {
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

    private static X509Certificate certificate(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }
}
