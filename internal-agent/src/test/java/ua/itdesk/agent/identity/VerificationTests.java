package ua.itdesk.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Management;
import ua.itdesk.agent.testing.Numbers;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

@QuarkusTest
@WithTestResource(AgentSandboxResource.class)
class VerificationTests {

    private static final String PROBLEM_JSON = "application/problem+json";

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @ConfigProperty(name = "agent.verify.max-failures")
    int maxFailures;

    private AgentClient bot;

    @BeforeEach
    void connectAsTheBot() {
        bot = AgentClient.asBot(agent, sandbox.pki());
        Management.awaitPhoneIndex(readiness);
    }

    @Test
    void anActiveEmployeeGetsATokenForTheirSubjectRoleAndLifetime() {
        SeedPerson person = SeedPeople.anActiveEmployee();

        Response response = bot.verify(person.telegramUserId(), person.e164());

        assertThat(response.status()).isEqualTo(200);
        JsonNode claims = AgentClient.claimsOf(response.token());
        assertThat(claims.path("sub").asText()).isEqualTo(person.employeeId());
        assertThat(texts(claims.path("groups"))).containsExactly("employee");
        assertThat(claims.path("iss").asText()).isEqualTo("itdesk-agent");
        long exp = claims.path("exp").asLong();
        assertThat(exp - claims.path("iat").asLong()).isEqualTo(Duration.ofMinutes(30).toSeconds());
        assertThat(Instant.ofEpochSecond(exp)).isBetween(Instant.now().plus(Duration.ofMinutes(29)),
                Instant.now().plus(Duration.ofMinutes(31)));
        assertThat(Instant.parse(response.json().path("expiresAt").asText()).getEpochSecond()).isEqualTo(exp);
        JsonNode employee = response.json().path("employee");
        assertThat(employee.path("employeeId").asText()).isEqualTo(person.employeeId());
        assertThat(employee.path("fullName").asText()).isEqualTo(person.fullName());
        assertThat(employee.path("position").asText()).isEqualTo(person.position());
        assertThat(employee.path("department").asText()).isEqualTo(person.department());
        assertThat(employee.path("role").asText()).isEqualTo("EMPLOYEE");
        assertThat(employee.path("jiraAccount").isNull()).isTrue();
    }

    @Test
    void aSpecialistInANestedSupportGroupGetsTheSpecialistRole() {
        SeedPerson specialist = SeedPeople.withRole("specialist").stream().filter(SeedPerson::canLogIn).findFirst()
                .orElseThrow();

        Response response = bot.verify(specialist.telegramUserId(), specialist.e164());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("employee").path("role").asText()).isEqualTo("SPECIALIST");
        assertThat(texts(AgentClient.claimsOf(response.token()).path("groups"))).containsExactly("specialist");
    }

    @Test
    void theSupervisorGetsTheSupervisorRole() {
        SeedPerson supervisor = SeedPeople.withRole("supervisor").stream().filter(SeedPerson::canLogIn).findFirst()
                .orElseThrow();

        Response response = bot.verify(supervisor.telegramUserId(), supervisor.e164());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("employee").path("role").asText()).isEqualTo("SUPERVISOR");
        assertThat(texts(AgentClient.claimsOf(response.token()).path("groups"))).containsExactly("supervisor");
    }

    @Test
    void everyRefusalLooksTheSameWhateverCheckFailed() {
        SeedPerson disabled = SeedPeople.theDisabledOne();
        SeedPerson missingFromHr = SeedPeople.theOneMissingFromHr();
        SeedPerson onLeave = SeedPeople.all().stream().filter(p -> "ON_LEAVE".equals(p.hrStatus())).findFirst()
                .orElseThrow();

        List<Response> refusals = List.of(
                bot.verify(Numbers.strangerTelegramId(), Numbers.unknownNumber()),
                bot.verify(disabled.telegramUserId(), disabled.e164()),
                bot.verify(missingFromHr.telegramUserId(), missingFromHr.e164()),
                bot.verify(onLeave.telegramUserId(), onLeave.e164()));

        for (Response refusal : refusals) {
            assertThat(refusal.status()).isEqualTo(403);
            assertThat(refusal.contentType()).startsWith(PROBLEM_JSON);
            assertThat(refusal.json().path("type").asText()).isEqualTo("urn:itdesk:problem:access-denied");
        }
        assertThat(refusals).extracting(Response::body).containsOnly(refusals.get(0).body());
    }

    @Test
    void aTelegramUserIsThrottledAfterTooManyRefusalsEvenForTheRightNumber() {
        long telegramUser = Numbers.strangerTelegramId();
        for (int i = 0; i < maxFailures; i++) {
            assertThat(bot.verify(telegramUser, Numbers.unknownNumber()).status()).isEqualTo(403);
        }
        SeedPerson person = SeedPeople.anActiveEmployee();

        Response throttled = bot.verify(telegramUser, person.e164());

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith(PROBLEM_JSON);
        assertThat(throttled.json().path("type").asText()).isEqualTo("urn:itdesk:problem:throttled");
        assertThat(throttled.header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    }

    @Test
    void aNumberTriedFromManyTelegramAccountsIsThrottled() {
        String number = Numbers.unknownNumber();
        for (int i = 0; i < maxFailures; i++) {
            assertThat(bot.verify(Numbers.strangerTelegramId(), number).status()).isEqualTo(403);
        }

        Response throttled = bot.verify(Numbers.strangerTelegramId(), number);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("type").asText()).isEqualTo("urn:itdesk:problem:throttled");
    }

    @Test
    void aNumberThatLooksLikeAnLdapInjectionIsRejectedAsInvalid() {
        for (String number : List.of("+380*)(mobile=*", "*", "+38050)(|(cn=*", "+380501112233\u0000")) {
            Response response = bot.verify(Numbers.strangerTelegramId(), number);

            assertThat(response.status()).as(number).isEqualTo(400);
            assertThat(response.contentType()).startsWith(PROBLEM_JSON);
            assertThat(response.json().path("type").asText()).isEqualTo("urn:itdesk:problem:invalid-request");
            assertThat(response.body()).doesNotContain("*");
        }
    }

    @Test
    void aRequestWithoutBodyOrWithBrokenJsonIsRejectedAsInvalid() {
        assertThat(bot.post("/api/v1/auth/verify", null, "").status()).isEqualTo(400);
        Response broken = bot.post("/api/v1/auth/verify", null, "{\"telegramUserId\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith(PROBLEM_JSON);
    }

    @Test
    void meAnswersTheProfileCarriedByTheToken() {
        SeedPerson person = SeedPeople.anActiveEmployee();
        Response login = bot.verify(person.telegramUserId(), person.e164());

        Response me = bot.get("/api/v1/auth/me", login.token());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json()).isEqualTo(login.json().path("employee"));
    }

    @Test
    void refreshIssuesAFreshTokenUntilHrTerminatesThePerson() {
        SeedPerson person = activeEmployees().get(1);
        String token = bot.verify(person.telegramUserId(), person.e164()).token();

        Response refreshed = bot.post("/api/v1/auth/refresh", token, null);

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.token()).isNotEqualTo(token);
        assertThat(AgentClient.claimsOf(refreshed.token()).path("sub").asText()).isEqualTo(person.employeeId());
        assertThat(AgentClient.claimsOf(refreshed.token()).path("telegram_user_id").asLong())
                .isEqualTo(person.telegramUserId());
        try {
            sandbox.hr().setStatus(person.employeeId(), "TERMINATED");

            Response refused = bot.post("/api/v1/auth/refresh", refreshed.token(), null);

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("type").asText()).isEqualTo("urn:itdesk:problem:access-denied");
        } finally {
            sandbox.hr().setStatus(person.employeeId(), "ACTIVE");
        }
    }

    @Test
    void refreshIsRefusedOnceTheDirectoryAccountIsDisabled() {
        SeedPerson person = activeEmployees().get(2);
        String token = bot.verify(person.telegramUserId(), person.e164()).token();
        try {
            sandbox.directory().setDisabled(person.employeeId(), true);

            Response refused = bot.post("/api/v1/auth/refresh", token, null);

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("type").asText()).isEqualTo("urn:itdesk:problem:access-denied");
        } finally {
            sandbox.directory().setDisabled(person.employeeId(), false);
        }
    }

    @Test
    void anHrOutageIsReportedAsADependencyProblemNotARefusal() {
        SeedPerson person = activeEmployees().get(3);
        try {
            sandbox.hr().setAvailable(false);

            Response response = bot.verify(person.telegramUserId(), person.e164());

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.contentType()).startsWith(PROBLEM_JSON);
            assertThat(response.json().path("type").asText()).isEqualTo("urn:itdesk:problem:dependency-unavailable");
            assertThat(response.header("Retry-After")).isPresent();
        } finally {
            sandbox.hr().setAvailable(true);
        }
        assertThat(bot.verify(person.telegramUserId(), person.e164()).status()).isEqualTo(200);
    }

    private static List<SeedPerson> activeEmployees() {
        return SeedPeople.withRole("employee").stream().filter(SeedPerson::canLogIn).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
