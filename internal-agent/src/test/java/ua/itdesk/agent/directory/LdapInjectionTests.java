package ua.itdesk.agent.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.AuditLines;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.agent.testing.Tokens;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * LDAP filter injection against the real directory stand-in (UnboundID's in-memory server evaluates every filter
 * the agent sends): values with filter syntax in them match nobody and raise nothing, whichever way they arrive, while
 * the same look-ups with real values find their person (so that the empty answers mean something).
 */
@QuarkusTest
@WithTestResource(AgentSandboxResource.class)
class LdapInjectionTests {

    /** A wildcard, ends of a filter, an OR of everything, NUL, a backslash escape written by the attacker. */
    static final List<String> ATTEMPTS = List.of("*", "*)(", ")(", "*)(|(objectClass=*))", "(|(objectClass=*))",
            "x)(|(employeeID=*)", "\u0000", "E*\u0000", "\\2a", "*)(userAccountControl:1.2.840.113556.1.4.803:=2");

    @Inject
    Directory directory;

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @Test
    void employeeIdsWithFilterSyntaxMatchNobody() {
        SeedPerson person = SeedPeople.anActiveEmployee();
        assertThat(directory.findByEmployeeId(person.employeeId())).isPresent();

        for (String attempt : ATTEMPTS) {
            assertThat(directory.findByEmployeeId(attempt)).as(attempt).isEmpty();
            assertThat(directory.findByEmployeeId(person.employeeId() + attempt)).as(attempt).isEmpty();
            assertThat(directory.findByEmployeeId(attempt + person.employeeId())).as(attempt).isEmpty();
        }
    }

    @Test
    void mailAddressesWithFilterSyntaxMatchNobody() {
        SeedPerson person = SeedPeople.anActiveEmployee();
        String mail = directory.findByEmployeeId(person.employeeId()).orElseThrow().mail();
        assertThat(directory.findByMail(mail)).isPresent();
        assertThat(directory.findByMail(mail.replaceFirst("^.", "*"))).isEmpty();

        for (String attempt : ATTEMPTS) {
            assertThat(directory.findByMail(attempt)).as(attempt).isEmpty();
            assertThat(directory.findByMail(attempt + "@corp.example.com")).as(attempt).isEmpty();
        }
    }

    @Test
    void phoneNumbersWithFilterSyntaxMatchNobody() {
        SeedPerson person = SeedPeople.anActiveEmployee();
        assertThat(directory.findByPhone(person.e164())).isPresent();

        for (String attempt : ATTEMPTS) {
            assertThat(directory.findByPhone(attempt)).as(attempt).isEmpty();
            assertThat(directory.findByPhone("+380" + attempt)).as(attempt).isEmpty();
            assertThat(directory.findByPhone(person.e164().substring(0, 8) + attempt)).as(attempt).isEmpty();
        }
    }

    @Test
    void aLoginWithFilterSyntaxInTheNumberIsRefusedAsInvalidWithoutEchoingIt() {
        AgentClient bot = AgentClient.asBot(agent, sandbox.pki());
        try (AuditLines audit = AuditLines.start()) {
            for (String attempt : ATTEMPTS) {
                Response response = bot.verify(1_000L + attempt.length(), "+380" + attempt);

                assertThat(response.status()).as(attempt).isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.body()).doesNotContain("objectClass", "employeeID", "*");
            }
            assertThat(audit.lines()).filteredOn(l -> l.contains("event=call") && l.contains("path=/api/v1/auth/verify")
                    && l.contains("status=400")).hasSizeGreaterThanOrEqualTo(ATTEMPTS.size());
        }
    }

    @Test
    void aSignedTokenWhoseSubjectIsAFilterWildcardRefreshesNobodyAndIsAudited() {
        // only a holder of the signing key could make this token; even then the subject is a value, not a filter
        String token = Tokens.signedWith(Tokens.claimsFor(SeedPeople.anActiveEmployee(), "employee").subject("*")
                .upn("*"), sandbox.pki().jwtPrivateKey());
        try (AuditLines audit = AuditLines.start()) {
            Response response = AgentClient.asBot(agent, sandbox.pki()).post("/api/v1/auth/refresh", token, null);

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().path("type").asText()).isEqualTo("urn:itdesk:problem:access-denied");
            assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("event=refresh", "outcome=DENIED"));
        }
    }
}
