package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.pki.Pki;

/** Z2: the agent is a door that opens only to the bot's certificate, and then only with an employee's token. */
@ExtendWith(RunningSystem.class)
class AgentBoundaryIT {

    private static HttpResponse<String> get(SSLContext tls, URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(SSLContext tls, URI uri, String body) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void callWithoutClientCertificateFailsTheTlsHandshake(Sandbox sandbox) {
        Pki pki = sandbox.pki();
        SSLContext noClientCert = Pki.sslContext(null, null, pki.caCert());
        assertThatThrownBy(() -> get(noClientCert, sandbox.agentApiUrl().resolve("/api/v1/auth/me")))
                .isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> postJson(noClientCert, sandbox.agentApiUrl().resolve("/api/v1/auth/verify"),
                "{\"telegramUserId\":1,\"phoneNumber\":\"+380501112233\"}"))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void clientCertificateFromAnotherCaIsRefused(Sandbox sandbox) {
        Pki pki = sandbox.pki();
        SSLContext rogue = Pki.sslContext(pki.rogueClientCert(), pki.rogueClientKey(), pki.caCert());
        assertThatThrownBy(() -> get(rogue, sandbox.agentApiUrl().resolve("/api/v1/auth/me")))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void botCertificateWithoutEmployeeTokenGets401Problem(Sandbox sandbox) throws Exception {
        Pki pki = sandbox.pki();
        SSLContext bot = Pki.sslContext(pki.botCert(), pki.botKey(), pki.caCert());
        HttpResponse<String> response = get(bot, sandbox.agentApiUrl().resolve("/api/v1/auth/me"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401");
    }

    @Test
    void plainHttpIsNotServed(Sandbox sandbox) {
        URI plain = URI.create("http://localhost:" + sandbox.agentApiUrl().getPort() + "/api/v1/auth/me");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }
}
