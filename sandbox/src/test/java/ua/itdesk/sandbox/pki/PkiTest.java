package ua.itdesk.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {

    @TempDir
    static Path dir;

    private static Pki pki;
    private static HttpsServer agent;

    @BeforeAll
    static void startAnAgentThatRequiresClientCertificates() throws IOException {
        pki = Pki.generate(dir.resolve("pki"));
        agent = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SSLContext serverContext = Pki.sslContext(pki.agentCert(), pki.agentKey(), pki.caCert());
        agent.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = serverContext.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        agent.createContext("/", exchange -> {
            try (exchange) {
                String peer;
                try {
                    peer = ((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                } catch (SSLPeerUnverifiedException e) {
                    peer = "none";
                }
                byte[] body = peer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        agent.start();
    }

    @AfterAll
    static void stop() {
        agent.stop(0);
    }

    private static HttpResponse<String> call(SSLContext client) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("https://localhost:" + agent.getAddress().getPort() + "/");
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBotCertificateCompletesAMutualTlsHandshakeWithTheAgent() throws Exception {
        HttpResponse<String> response = call(Pki.sslContext(pki.botCert(), pki.botKey(), pki.caCert()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("CN=dmz-bot");
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedEvenWithTheBotsName() {
        SSLContext rogue = Pki.sslContext(pki.rogueClientCert(), pki.rogueClientKey(), pki.caCert());

        assertThatThrownBy(() -> call(rogue)).isInstanceOf(IOException.class);
    }

    @Test
    void theOtherClientCertificateCompletesTheHandshakeUnderItsOwnName() throws Exception {
        HttpResponse<String> response = call(Pki.sslContext(pki.otherClientCert(), pki.otherClientKey(),
                pki.caCert()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("CN=other-service");
    }

    @Test
    void aClientWithoutCertificateIsRefused() {
        assertThatThrownBy(() -> call(Pki.sslContext(null, null, pki.caCert()))).isInstanceOf(IOException.class);
    }

    @Test
    void theAgentIsNotTrustedByAClientThatOnlyKnowsTheJdkDefaults() {
        assertThatThrownBy(() -> call(Pki.sslContext(pki.botCert(), pki.botKey(), null)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void certificatesCarryTheNamesUsagesAndShortValidityTheDeploymentExpects() throws Exception {
        X509Certificate agentCert = Pki.readCertificates(pki.agentCert()).get(0);
        X509Certificate botCert = Pki.readCertificates(pki.botCert()).get(0);
        X509Certificate service = Pki.readCertificates(pki.serviceCert()).get(0);

        assertThat(agentCert.getSubjectX500Principal().getName()).startsWith("CN=internal-agent");
        assertThat(agentCert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(agentCert.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(service.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(botCert.getSubjectX500Principal().getName()).startsWith("CN=dmz-bot");
        assertThat(botCert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(botCert.getNotAfter().toInstant()).isBefore(Instant.now().plus(Duration.ofDays(3)));
        assertThat(botCert.getNotBefore().toInstant()).isBefore(Instant.now().minus(Duration.ofMinutes(30)));
        agentCert.verify(Pki.readCertificates(pki.caCert()).get(0).getPublicKey());
    }

    @Test
    void privateKeysAreUnencryptedPkcs8AndTheJwtKeysSignAndVerify() throws Exception {
        for (Path key : List.of(pki.agentKey(), pki.botKey(), pki.serviceKey(), pki.rogueClientKey(),
                pki.jwtPrivateKey())) {
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        }
        assertThat(Files.readString(pki.jwtPublicKey())).startsWith("-----BEGIN PUBLIC KEY-----\n");

        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(Pki.readPrivateKey(pki.jwtPrivateKey(), "RSA"));
        signer.update("header.payload".getBytes(StandardCharsets.US_ASCII));
        byte[] signature = signer.sign();
        String pem = Files.readString(pki.jwtPublicKey()).replaceAll("-----[A-Z ]+-----|\\s", "");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem))));
        verifier.update("header.payload".getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void aGeneratedFolderCanBeLoadedAgain() {
        assertThat(Pki.load(pki.dir()).botCert()).isEqualTo(pki.botCert());
        assertThatThrownBy(() -> Pki.load(dir.resolve("nothing-here"))).isInstanceOf(IllegalArgumentException.class);
    }
}
