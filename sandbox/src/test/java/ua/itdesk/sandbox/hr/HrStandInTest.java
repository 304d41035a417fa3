package ua.itdesk.sandbox.hr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.pki.Pki;

class HrStandInTest {

    private static final String KEY = "hr-test-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static HrStandIn hr;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        Pki pki = Pki.generate(dir);
        hr = HrStandIn.start(pki, 0, KEY);
        http = HttpClient.newBuilder().sslContext(Pki.sslContext(null, null, pki.caCert()))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        hr.close();
    }

    @AfterEach
    void restore() {
        hr.setAvailable(true);
    }

    private static HttpResponse<String> get(String employeeId, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hr.baseUrl() + "/api/v1/employees/" + employeeId))
                .timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anActiveEmployeeIsReturnedWithTheirPositionAndStatus() throws Exception {
        SeedPerson person = SeedPeople.anActiveEmployee();

        HttpResponse<String> response = get(person.employeeId(), "Bearer " + KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("employeeId").asText()).isEqualTo(person.employeeId());
        assertThat(body.get("fullName").asText()).isEqualTo(person.fullName());
        assertThat(body.get("position").asText()).isEqualTo(person.position());
        assertThat(body.get("department").asText()).isEqualTo(person.department());
        assertThat(body.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(hr.baseUrl()).isEqualTo("https://localhost:" + hr.port());
    }

    @Test
    void someoneAbsentFromHrIsNotFound() throws Exception {
        HttpResponse<String> response = get(SeedPeople.theOneMissingFromHr().employeeId(), "Bearer " + KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void aMissingOrWrongKeyIsUnauthorized() throws Exception {
        String id = SeedPeople.anActiveEmployee().employeeId();
        for (String auth : new String[] {null, "Bearer wrong", KEY, "Basic " + KEY}) {
            HttpResponse<String> response = get(id, auth);
            assertThat(response.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
        }
    }

    @Test
    void anUnavailableHrAnswers503AndCountsTheCall() throws Exception {
        int before = hr.requestCount();
        hr.setAvailable(false);

        HttpResponse<String> response = get(SeedPeople.anActiveEmployee().employeeId(), "Bearer " + KEY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(hr.requestCount()).isEqualTo(before + 1);
    }

    @Test
    void statusChangesAndRemovalsShowOnTheNextCall() throws Exception {
        SeedPerson person = SeedPeople.byEmployeeId("E1024");
        hr.setStatus(person.employeeId(), "TERMINATED");
        assertThat(JSON.readTree(get(person.employeeId(), "Bearer " + KEY).body()).get("status").asText())
                .isEqualTo("TERMINATED");

        hr.remove(person.employeeId());
        assertThat(get(person.employeeId(), "Bearer " + KEY).statusCode()).isEqualTo(404);

        hr.setStatus(person.employeeId(), "ACTIVE");
        assertThat(get(person.employeeId(), "Bearer " + KEY).statusCode()).isEqualTo(200);
    }
}
