package ua.itdesk.agent.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ua.itdesk.agent.testing.Tokens.claimsFor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.agent.testing.Tokens;
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
    void aTokenSignedWithAnotherKeyIsRejected() throws Exception {
        Path foreign = Files.createTempFile("foreign-jwt", ".pem");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Files.writeString(foreign, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        String forged = Tokens.signedWith(claimsFor(SeedPeople.anActiveEmployee(), "supervisor"), foreign);
        Files.delete(foreign);

        assertUnauthenticated(bot().get("/api/v1/auth/me", forged));
    }

    @Test
    void aTokenNamingTheAgentsKeyButSignedWithAnotherIsRejected() throws Exception {
        String agentsKeyId = JwtKeys.keyId(JwtKeys.publicKey(sandbox.pki().jwtPublicKey()));
        String otherKey = Tokens.signedWith(claimsFor(SeedPeople.anActiveEmployee(), "supervisor"),
                sandbox.retiredJwtKey());

        String forged = Tokens.withHeader(otherKey, "{\"kid\":\"" + agentsKeyId + "\",\"typ\":\"JWT\",\"alg\":\"RS256\"}");

        assertUnauthenticated(bot().get("/api/v1/auth/me", forged));
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRejected() {
        String genuine = Tokens.signedWith(claimsFor(SeedPeople.anActiveEmployee(), "employee"), agentKey());
        String header = Tokens.header(genuine).replace("RS256", "none");
        String unsigned = Tokens.withHeader(genuine, header);

        assertUnauthenticated(bot().get("/api/v1/auth/me", unsigned.substring(0, unsigned.lastIndexOf('.') + 1)));
        assertUnauthenticated(bot().get("/api/v1/auth/me", unsigned));
    }

    @Test
    void aTokenWhoseClaimsWereChangedAfterSigningIsRejected() {
        SeedPerson person = SeedPeople.anActiveEmployee();
        String genuine = Tokens.signedWith(claimsFor(person, "employee"), agentKey());
        String payload = AgentClient.claimsOf(genuine).toString().replace("\"employee\"", "\"supervisor\"");

        assertThat(payload).contains("supervisor");
        assertUnauthenticated(bot().get("/api/v1/auth/me", Tokens.withPayload(genuine, payload)));
    }

    @Test
    void aTokenWithoutAKeyIdIsRejectedSoTokensFromBeforeKeyIdsNeedOneReLogin() {
        String withoutKid = claimsFor(SeedPeople.anActiveEmployee(), "employee").sign(JwtKeys.signingKey(agentKey()).key());

        assertThat(Tokens.header(withoutKid)).doesNotContain("kid");
        assertUnauthenticated(bot().get("/api/v1/auth/me", withoutKid));
    }

    @Test
    void anExpiredTokenIsRejected() {
        String expired = Tokens.signedWith(claimsFor(SeedPeople.anActiveEmployee(), "employee")
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(600)), agentKey());

        assertUnauthenticated(bot().get("/api/v1/auth/me", expired));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        String foreign = Tokens.signedWith(claimsFor(SeedPeople.anActiveEmployee(), "employee").issuer("someone-else"),
                agentKey());

        assertUnauthenticated(bot().get("/api/v1/auth/me", foreign));
    }

    @Test
    void aTokenSignedByTheAgentIsAccepted() {
        String genuine = Tokens.signedWith(claimsFor(SeedPeople.anActiveEmployee(), "employee"), agentKey());

        assertThat(bot().get("/api/v1/auth/me", genuine).status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedWithThePreviousKeyIsStillAcceptedWhileThatKeyIsListed() {
        String beforeRotation = Tokens.signedWith(claimsFor(SeedPeople.anActiveEmployee(), "employee"),
                sandbox.retiredJwtKey());

        assertThat(bot().get("/api/v1/auth/me", beforeRotation).status()).isEqualTo(200);
    }

    @Test
    void tokensNameTheirKeyAndAReplacedSigningKeyFileSignsTheNextOnesWithoutARestart() throws Exception {
        SeedPerson person = SeedPeople.anActiveEmployee();
        String current = JwtKeys.keyId(JwtKeys.publicKey(sandbox.pki().jwtPublicKey()));
        String before = bot().verify(person.telegramUserId(), person.e164()).token();
        assertThat(AgentClient.parse(Tokens.header(before)).path("kid").asText()).isEqualTo(current);

        byte[] original = Files.readAllBytes(agentKey());
        String after;
        try {
            // the operator puts the other listed key in place of the signing key, as in step 2 of the rotation
            Files.copy(sandbox.retiredJwtKey(), agentKey(), StandardCopyOption.REPLACE_EXISTING);
            after = bot().verify(person.telegramUserId(), person.e164()).token();
        } finally {
            Files.write(agentKey(), original);
        }

        assertThat(AgentClient.parse(Tokens.header(after)).path("kid").asText()).isNotEqualTo(current)
                .isEqualTo(JwtKeys.signingKey(sandbox.retiredJwtKey()).keyId());
        assertThat(bot().get("/api/v1/auth/me", before).status()).isEqualTo(200);
        assertThat(bot().get("/api/v1/auth/me", after).status()).isEqualTo(200);
    }

    @Test
    void anUnknownPathWithAValidTokenIsANotFoundProblem() {
        String genuine = Tokens.signedWith(claimsFor(SeedPeople.anActiveEmployee(), "employee"), agentKey());

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

    private AgentClient bot() {
        return AgentClient.asBot(agent, sandbox.pki());
    }

    private Path agentKey() {
        return sandbox.pki().jwtPrivateKey();
    }

    private static void assertUnauthenticated(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo(UNAUTHENTICATED);
    }
}
