package ua.itdesk.agent.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

@QuarkusTest
@WithTestResource(AgentSandboxResource.class)
class TransportAndTokenTests {

    private static final String UNAUTHENTICATED = "urn:itdesk:problem:unauthenticated";

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @Test
    void aClientWithoutCertificateCannotCompleteTheHandshake() {
        AgentClient anonymous = AgentClient.withCertificate(agent, null, null, sandbox.pki().caCert());

        assertThatThrownBy(() -> anonymous.sendRaw(anonymous.request("/api/v1/auth/me", null).GET()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aClientCertificateFromAnotherCaCannotCompleteTheHandshake() {
        AgentClient rogue = AgentClient.withCertificate(agent, sandbox.pki().rogueClientCert(),
                sandbox.pki().rogueClientKey(), sandbox.pki().caCert());

        assertThatThrownBy(() -> rogue.sendRaw(rogue.request("/api/v1/auth/verify", null)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void everyCallButVerifyNeedsATokenAndSaysSoAsAProblem() {
        AgentClient bot = AgentClient.asBot(agent, sandbox.pki());

        List<Response> responses = List.of(bot.get("/api/v1/auth/me", null),
                bot.post("/api/v1/auth/refresh", null, null),
                bot.get("/api/v1/tickets", null),
                bot.get("/api/v1/auth/verify", null));

        for (Response response : responses) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("type").asText()).isEqualTo(UNAUTHENTICATED);
            assertThat(response.header("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey foreignKey = generator.generateKeyPair().getPrivate();
        String forged = claimsFor(SeedPeople.anActiveEmployee(), "supervisor").sign(foreignKey);

        assertUnauthenticated(AgentClient.asBot(agent, sandbox.pki()).get("/api/v1/auth/me", forged));
    }

    @Test
    void anExpiredTokenIsRejected() {
        String expired = claimsFor(SeedPeople.anActiveEmployee(), "employee")
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(600))
                .sign(agentSigningKey());

        assertUnauthenticated(AgentClient.asBot(agent, sandbox.pki()).get("/api/v1/auth/me", expired));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        String foreign = claimsFor(SeedPeople.anActiveEmployee(), "employee").issuer("someone-else")
                .sign(agentSigningKey());

        assertUnauthenticated(AgentClient.asBot(agent, sandbox.pki()).get("/api/v1/auth/me", foreign));
    }

    @Test
    void aTokenSignedByTheAgentIsAccepted() {
        String genuine = claimsFor(SeedPeople.anActiveEmployee(), "employee").sign(agentSigningKey());

        assertThat(AgentClient.asBot(agent, sandbox.pki()).get("/api/v1/auth/me", genuine).status()).isEqualTo(200);
    }

    @Test
    void anUnknownPathWithAValidTokenIsANotFoundProblem() {
        String genuine = claimsFor(SeedPeople.anActiveEmployee(), "employee").sign(agentSigningKey());

        Response response = AgentClient.asBot(agent, sandbox.pki()).get("/api/v1/ldap/search", genuine);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theCorrelationIdOfTheBotIsEchoed() {
        AgentClient bot = AgentClient.asBot(agent, sandbox.pki());

        Response response = bot.send(bot.request("/api/v1/auth/me", null)
                .header("X-Correlation-Id", "req-42.abc").GET());

        assertThat(response.header("X-Correlation-Id")).hasValue("req-42.abc");
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder claimsFor(SeedPerson person, String group) {
        return Jwt.issuer("itdesk-agent").audience("itdesk-bot").subject(person.employeeId())
                .upn(person.employeeId()).groups(group).claim("name", person.fullName())
                .expiresAt(Instant.now().plusSeconds(600));
    }

    private PrivateKey agentSigningKey() {
        try {
            String pem = Files.readString(sandbox.pki().jwtPrivateKey());
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the agent's signing key", e);
        }
    }

    private static void assertUnauthenticated(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo(UNAUTHENTICATED);
    }
}
