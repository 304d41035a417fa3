package ua.itdesk.sandbox.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.pki.Pki;

/**
 * The requests page's server side: the page over HTTPS and on the plain-HTTP console, and the actions its buttons
 * call, which must act as Jira would (webhooks follow) and put the faults in force.
 */
class JiraPageTest {

    private static final String PAT = "page-test-personal-access-token";
    private static final String SD = "/rest/servicedeskapi";

    private static Pki pki;
    private static WebhookReceiver receiver;
    private JiraStandIn jira;
    private TestClient api;
    private TestClient console;
    private String consolePage;

    @BeforeAll
    static void pki() {
        pki = SharedPki.get();
        receiver = WebhookReceiver.http();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void start() {
        receiver.clear();
        jira = JiraStandIn.start(pki, 0, JiraStandIn.Options.dataCenter(PAT).withWebhook(receiver.uri(), "secret")
                .withWebhookRetry(Duration.ofMillis(50), 2));
        api = new TestClient(pki, jira.baseUrl(), "Bearer " + PAT);
        consolePage = jira.startConsole(0);
        console = new TestClient(pki, consolePage.replaceAll("/sandbox/jira/$", ""), null);
    }

    @AfterEach
    void stop() {
        jira.close();
    }

    @Test
    void thePageIsServedOverHttpsAndOnThePlainHttpConsoleWhichHasNoJiraApi() {
        TestClient.Answer https = new TestClient(pki, jira.baseUrl(), null).get("/sandbox/jira/");
        assertThat(https.status()).isEqualTo(200);
        assertThat(https.body()).contains("<script src=\"jira.js\"></script>");
        assertThat(https.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(jira.pageUrl()).isEqualTo(jira.baseUrl() + "/sandbox/jira/");

        assertThat(consolePage).startsWith("http://127.0.0.1:");
        assertThat(console.get("/sandbox/jira/").body()).isEqualTo(https.body());
        assertThat(console.get("/sandbox/jira/api/requests").json()).hasSize(jira.requests().size());
        // only the page and its control API: the REST API the agent uses stays behind HTTPS and its token
        TestClient.Answer rest = console.get(SD + "/request");
        assertThat(rest.status()).isEqualTo(302);
        assertThat(rest.header("Location")).isEqualTo("/sandbox/jira/");
    }

    @Test
    void aStatusChangeFromThePageGoesThroughTheWorkflowAndItsWebhookFollows() throws Exception {
        JiraRequest request = openRequest();
        String specialist = SeedPeople.withRole("specialist").get(0).login();

        TestClient.Answer moved = console.post("/sandbox/jira/api/requests/" + request.key() + "/status",
                Map.of("status", "Waiting for customer", "as", specialist));

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(jira.request(request.key()).orElseThrow().status()).isEqualTo("Waiting for customer");
        WebhookReceiver.Received hook = receiver.await(r -> r.body().contains(request.key())
                && r.body().contains("jira:issue_updated"), Duration.ofSeconds(10));
        assertThat(hook.body()).contains("Waiting for customer");
        assertThat(console.get("/sandbox/jira/api/statuses").json()).extracting(s -> s.get("name").asText())
                .containsExactly("Waiting for support", "In Progress", "Waiting for customer", "Resolved", "Closed",
                        "Canceled");
    }

    @Test
    void aPublicCommentFromThePageIsTheSpecialistsAndReachesTheWebhook() throws Exception {
        JiraRequest request = openRequest();
        String specialist = SeedPeople.withRole("specialist").get(0).login();

        TestClient.Answer added = console.post("/sandbox/jira/api/requests/" + request.key() + "/comments",
                Map.of("body", "Перезавантажте ноутбук <b>", "as", specialist, "public", true));

        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(jira.request(request.key()).orElseThrow().comments()).last().satisfies(c -> {
            assertThat(c.author()).isEqualTo(specialist);
            assertThat(c.body()).isEqualTo("Перезавантажте ноутбук <b>");
            assertThat(c.isPublic()).isTrue();
        });
        receiver.await(r -> r.body().contains("comment_created") && r.body().contains(request.key()),
                Duration.ofSeconds(10));
        assertThat(console.post("/sandbox/jira/api/requests/" + request.key() + "/comments",
                Map.of("body", " ", "as", specialist)).status()).isEqualTo(400);
    }

    @Test
    void theFaultButtonsPutFailuresDroppedWebhooksAndUnavailabilityInForceAndThePageSeesThem() throws Exception {
        JiraRequest request = openRequest();
        String specialist = SeedPeople.withRole("specialist").get(0).login();
        JsonNode none = console.get("/sandbox/jira/api/faults").json();
        assertThat(none.get("available").asBoolean()).isTrue();
        assertThat(none.get("failNext").isNull()).isTrue();

        console.post("/sandbox/jira/api/faults/fail", Map.of("status", 429, "count", 2, "retryAfterSeconds", 1));
        assertThat(console.get("/sandbox/jira/api/faults").json().get("failNext").get("remaining").asInt())
                .isEqualTo(2);
        assertThat(api.get(SD + "/request/" + request.key()).status()).isEqualTo(429);
        assertThat(console.get("/sandbox/jira/api/faults").json().get("failNext").get("remaining").asInt())
                .isEqualTo(1);
        console.post("/sandbox/jira/api/faults/fail", Map.of("status", 503, "count", 0));
        assertThat(api.get(SD + "/request/" + request.key()).status()).isEqualTo(200);

        console.post("/sandbox/jira/api/faults/drop-webhooks", Map.of("count", 1));
        assertThat(console.get("/sandbox/jira/api/faults").json().get("dropNextWebhooks").asInt()).isEqualTo(1);
        console.post("/sandbox/jira/api/requests/" + request.key() + "/status",
                Map.of("status", "In Progress", "as", specialist));
        assertThat(console.get("/sandbox/jira/api/webhooks").json()).last()
                .satisfies(w -> assertThat(w.get("outcome").asText()).isEqualTo("DROPPED"));

        console.put("/sandbox/jira/api/available", Map.of("available", false));
        assertThat(console.get("/sandbox/jira/api/faults").json().get("available").asBoolean()).isFalse();
        assertThat(api.get(SD + "/request/" + request.key()).status()).isEqualTo(503);
        console.put("/sandbox/jira/api/available", Map.of("available", true));
        assertThat(api.get(SD + "/request/" + request.key()).status()).isEqualTo(200);
    }

    @Test
    void anAttachmentDownloadsWithItsBytesTypeAndName() throws Exception {
        JiraRequest request = openRequest();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 4, 5, 6};
        String tempId = api.upload(SD + "/servicedesk/1/attachTemporaryFile", true, "знімок екрана.png", "image/png",
                png).json().at("/temporaryAttachments/0/temporaryAttachmentId").asText();
        assertThat(api.post(SD + "/request/" + request.key() + "/attachment",
                Map.of("temporaryAttachmentIds", List.of(tempId), "public", true)).status()).isEqualTo(201);
        String id = jira.request(request.key()).orElseThrow().attachments().get(0).id();

        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                consolePage + "api/requests/" + request.key() + "/attachments/" + id)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(png);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename*=UTF-8''%D0%B7%D0%BD%D1%96%D0%BC%D0%BE%D0%BA%20%D0%B5%D0%BA%D1%80%D0%B0%D0%BD"
                        + "%D0%B0.png");
        assertThat(console.get("/sandbox/jira/api/requests/" + request.key() + "/attachments/999999").status())
                .isEqualTo(404);
    }

    private JiraRequest openRequest() {
        return jira.requests().stream().filter(r -> r.status().equals("Waiting for support")).findFirst()
                .orElseThrow();
    }
}
