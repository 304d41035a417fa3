package ua.itdesk.sandbox.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ua.itdesk.sandbox.pki.Pki;

/** The Cloud flavour: Basic with e-mail and API token, accountIds, /rest/api/3/search/jql with nextPageToken. */
class JiraCloudTest {

    private static final String EMAIL = "svc-itdesk@corp.example.com";
    private static final String TOKEN = "cloud-api-token";
    private static final String SD = "/rest/servicedeskapi";

    private static Pki pki;
    private static WebhookReceiver receiver;
    private static JiraStandIn jira;
    private static TestClient client;

    @BeforeAll
    static void start() {
        pki = SharedPki.get();
        // the receiver plays the agent: the agent's server certificate, clients must present one from the same CA
        receiver = WebhookReceiver.httpsWithClientAuth(Pki.sslContext(pki.agentCert(), pki.agentKey(), pki.caCert()));
        jira = JiraStandIn.start(pki, 0, JiraStandIn.Options.cloud(EMAIL, TOKEN).withWebhook(receiver.uri(), "s")
                .withWebhookTls(pki.botCert(), pki.botKey(), pki.caCert()));
        client = new TestClient(pki, jira.baseUrl(), basic(EMAIL, TOKEN));
    }

    @AfterAll
    static void stop() {
        jira.close();
        receiver.close();
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static void conforms(List<String> violations) {
        assertThat(violations).as("violations of the reference schema").isEmpty();
    }

    @Test
    void cloudTakesBasicWithEmailAndApiTokenOnly() {
        for (String auth : new String[] {null, "Bearer " + TOKEN, basic("other@corp.example.com", TOKEN),
            basic(EMAIL, "wrong"), basic(EMAIL, TOKEN).toLowerCase()}) {
            TestClient.Answer a = client.withAuthorization(auth).get(SD + "/servicedesk");
            assertThat(a.status()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(a.header("X-Seraph-LoginReason")).isNull();
        }
        assertThat(client.get(SD + "/servicedesk").status()).isEqualTo(200);
        assertThat(jira.options().authorization()).isEqualTo(basic(EMAIL, TOKEN));
    }

    @Test
    void cloudSearchPagesWithNextPageTokenAndReturnsOnlyIdsByDefault() {
        String jql = "project = ITS AND statusCategory = Done ORDER BY resolutiondate DESC";
        Set<String> ids = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String path = "/rest/api/3/search/jql?maxResults=15&jql=" + Shapes.encode(jql)
                    + (token == null ? "" : "&nextPageToken=" + token);
            TestClient.Answer a = client.get(path);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            conforms(ReferenceSpec.platform().checkResponse("/rest/api/3/search/jql", "get", 200, a.json()));
            for (JsonNode issue : a.json().get("issues")) {
                List<String> names = new ArrayList<>();
                issue.fieldNames().forEachRemaining(names::add);
                assertThat(names).containsExactly("id");
                ids.add(issue.get("id").asText());
            }
            token = a.json().path("nextPageToken").asText(null);
            assertThat(a.json().get("isLast").asBoolean()).isEqualTo(token == null);
            pages++;
        } while (token != null);
        assertThat(ids).hasSize(41);
        assertThat(pages).isEqualTo(3);

        TestClient.Answer post = client.post("/rest/api/3/search/jql", Map.of("jql", "key = ITS-1",
                "fields", List.of("summary", "assignee", "description", "status")));
        assertThat(post.status()).isEqualTo(200);
        conforms(ReferenceSpec.platform().checkResponse("/rest/api/3/search/jql", "post", 200, post.json()));
        JsonNode fields = post.json().at("/issues/0/fields");
        assertThat(fields.at("/assignee/accountId").asText()).hasSize(24);
        assertThat(fields.at("/assignee/name").isMissingNode()).isTrue();
        assertThat(fields.at("/description/type").asText()).isEqualTo("doc");

        assertThat(client.get("/rest/api/3/search/jql?jql=project%3DITS&nextPageToken=bogus").status())
                .isEqualTo(400);
        assertThat(client.get("/rest/api/3/search/jql?jql=").status()).as("unbounded").isEqualTo(400);
        TestClient.Answer removed = client.get("/rest/api/3/search?jql=project%3DITS");
        assertThat(removed.status()).isEqualTo(410);
        assertThat(removed.json().at("/errorMessages/0").asText()).contains("/rest/api/3/search/jql");
    }

    @Test
    void cloudNamesUsersByAccountIdInJqlAssignmentsAndUserSearch() {
        String rudenko = JiraStandIn.accountIdOf("b.rudenko");
        TestClient.Answer mine = client.get("/rest/api/3/search/jql?fields=assignee&maxResults=100&jql="
                + Shapes.encode("assignee = " + rudenko + " AND statusCategory != Done"));
        assertThat(mine.json().get("issues")).hasSize(6)
                .allSatisfy(i -> assertThat(i.at("/fields/assignee/accountId").asText()).isEqualTo(rudenko));
        assertThat(client.get("/rest/api/3/search/jql?jql=" + Shapes.encode("assignee = b.rudenko")).status())
                .as("no user names on Cloud").isEqualTo(400);

        assertThat(client.put("/rest/api/3/issue/ITS-57/assignee",
                Map.of("accountId", JiraStandIn.accountIdOf("k.marchenko"))).status()).isEqualTo(204);
        assertThat(client.put("/rest/api/3/issue/ITS-57/assignee", Map.of("name", "k.marchenko")).status())
                .isEqualTo(400);
        assertThat(jira.request("ITS-57").orElseThrow().assignee()).isEqualTo("k.marchenko");

        TestClient.Answer users = client.get("/rest/api/3/user/search?query=" + Shapes.encode("Марченко"));
        conforms(ReferenceSpec.platform().checkResponse("/rest/api/3/user/search", "get", 200, users.json()));
        assertThat(users.json()).singleElement().satisfies(u -> {
            assertThat(u.get("accountId").asText()).isEqualTo(JiraStandIn.accountIdOf("k.marchenko"));
            assertThat(u.has("name")).isFalse();
        });
        assertThat(client.get("/rest/api/3/user/search?username=k.marchenko").status()).isEqualTo(400);

        TestClient.Answer created = client.post(SD + "/request", Map.of("serviceDeskId", "1", "requestTypeId", "13",
                "requestFieldValues", Map.of("summary", "VPN не підключається"),
                "raiseOnBehalfOf", JiraStandIn.accountIdOf("a.melnyk")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/request", "post", 201, created.json()));
        assertThat(created.json().at("/reporter/accountId").asText()).isEqualTo(JiraStandIn.accountIdOf("a.melnyk"));
        assertThat(client.post(SD + "/request", Map.of("serviceDeskId", "1", "requestTypeId", "13",
                "requestFieldValues", Map.of("summary", "x"), "raiseOnBehalfOf", "a.melnyk")).status())
                .as("a user name is no customer id on Cloud").isEqualTo(400);
    }

    @Test
    void webhooksReachAnHttpsReceiverWithTheConfiguredClientCertificate() throws Exception {
        jira.addPublicComment("ITS-3", "v.savchenko", "Перевірте, будь ласка.");
        WebhookReceiver.Received r = receiver.await(x -> x.body().contains("comment_created"), Duration.ofSeconds(5));
        assertThat(r.clientCertificate()).contains("CN=dmz-bot");
        JsonNode body = TestClient.JSON.readTree(r.body());
        assertThat(body.at("/comment/author/accountId").asText()).isEqualTo(JiraStandIn.accountIdOf("v.savchenko"));
        assertThat(body.at("/issue/key").asText()).isEqualTo("ITS-3");
        assertThat(r.header("X-Hub-Signature")).isEqualTo(Webhooks.signature("s".getBytes(StandardCharsets.UTF_8),
                r.body().getBytes(StandardCharsets.UTF_8)));
    }
}
