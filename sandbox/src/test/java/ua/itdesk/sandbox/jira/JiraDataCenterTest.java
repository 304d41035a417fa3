package ua.itdesk.sandbox.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.sandbox.pki.Pki;

/** The Data Center flavour, driven over HTTPS as the agent drives it; shapes checked against the reference. */
class JiraDataCenterTest {

    private static final String PAT = "dc-test-personal-access-token";
    private static final String SECRET = "webhook-secret";
    private static final Instant NOW = Instant.parse("2026-06-15T07:30:00Z");
    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    private static final DateTimeFormatter JQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(KYIV);
    private static final String SPECIALISTS = "(b.rudenko, k.marchenko, v.savchenko, m.honcharenko)";
    private static final String SD = "/rest/servicedeskapi";

    private static Pki pki;
    private static WebhookReceiver receiver;
    private JiraStandIn jira;
    private TestClient client;

    @BeforeAll
    static void pki() {
        pki = SharedPki.get();
        receiver = WebhookReceiver.http();
        ReferenceSpec.jsm();
        ReferenceSpec.platform();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void start() {
        receiver.clear();
        jira = JiraStandIn.start(pki, 0, JiraStandIn.Options.dataCenter(PAT)
                .withClock(Clock.fixed(NOW, ZoneId.of("UTC"))).withWebhook(receiver.uri(), SECRET)
                .withWebhookRetry(Duration.ofMillis(50), 5));
        client = new TestClient(pki, jira.baseUrl(), "Bearer " + PAT);
    }

    @AfterEach
    void stop() {
        jira.close();
    }

    private static void conforms(List<String> violations) {
        assertThat(violations).as("violations of the reference schema").isEmpty();
    }

    private static Map<String, Object> createBody(String typeId, Map<String, Object> fields, String onBehalfOf) {
        Map<String, Object> body = new HashMap<>();
        body.put("serviceDeskId", "1");
        body.put("requestTypeId", typeId);
        body.put("requestFieldValues", fields);
        if (onBehalfOf != null) {
            body.put("raiseOnBehalfOf", onBehalfOf);
        }
        return body;
    }

    private JsonNode createPrinterRequest() {
        TestClient.Answer a = client.post(SD + "/request", createBody("15",
                Map.of("summary", "Принтер на 2 поверсі не друкує", "description", "Папір є, черга стоїть.",
                        "priority", Map.of("name", "High")), "o.petrenko"));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    private JsonNode search(String jql, int startAt, int maxResults) {
        TestClient.Answer a = client.get("/rest/api/2/search?jql=" + Shapes.encode(jql) + "&startAt=" + startAt
                + "&maxResults=" + maxResults);
        assertThat(a.status()).as(jql + " -> " + a.body()).isEqualTo(200);
        return a.json();
    }

    private Map<String, Integer> perAssignee(String jql) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode issue : search(jql, 0, 1000).get("issues")) {
            counts.merge(issue.path("fields").path("assignee").path("name").asText(), 1, Integer::sum);
        }
        return counts;
    }

    // ---------------------------------------------------------------- auth

    @Test
    void callsWithoutOrWithAWrongTokenAreRefusedWith401InEachApisShape() {
        for (String auth : new String[] {null, "Bearer wrong", "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("svc-itdesk:" + PAT).getBytes(StandardCharsets.UTF_8)), PAT}) {
            TestClient anonymous = client.withAuthorization(auth);
            TestClient.Answer sd = anonymous.get(SD + "/servicedesk");
            assertThat(sd.status()).as(String.valueOf(auth)).isEqualTo(401);
            conforms(ReferenceSpec.jsm().check("ErrorResponse", sd.json()));
            TestClient.Answer platform = anonymous.get("/rest/api/2/search?jql=project%20%3D%20ITS");
            assertThat(platform.status()).isEqualTo(401);
            conforms(ReferenceSpec.platform().check("ErrorCollection", platform.json()));
            assertThat(platform.json().get("errorMessages")).isNotEmpty();
            if (auth != null) {
                assertThat(platform.header("X-Seraph-LoginReason")).isEqualTo("AUTHENTICATED_FAILED");
            }
        }
        assertThat(client.get(SD + "/servicedesk").status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- JSM shapes

    @Test
    void serviceDeskRequestTypesAndTheirFieldsHaveTheReferenceShapes() {
        TestClient.Answer desks = client.get(SD + "/servicedesk");
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/servicedesk", "get", 200, desks.json()));
        assertThat(desks.json().at("/values/0/projectKey").asText()).isEqualTo(jira.projectKey());
        assertThat(desks.json().at("/values/0/id").asText()).isEqualTo(jira.serviceDeskId());

        TestClient.Answer types = client.get(SD + "/servicedesk/1/requesttype?limit=5");
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/servicedesk/{serviceDeskId}/requesttype", "get", 200,
                types.json()));
        assertThat(types.json().get("size").asInt()).isEqualTo(5);
        assertThat(types.json().get("isLastPage").asBoolean()).isFalse();
        assertThat(types.json().at("/_links/next").asText()).contains("start=5");
        JsonNode rest = client.get(SD + "/servicedesk/1/requesttype?start=5&limit=5").json();
        assertThat(rest.get("isLastPage").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        types.json().get("values").forEach(v -> names.add(v.get("name").asText()));
        rest.get("values").forEach(v -> names.add(v.get("name").asText()));
        assertThat(names).hasSize(7).anyMatch(n -> n.contains("Hardware")).anyMatch(n -> n.contains("Друк"));

        TestClient.Answer fields = client.get(SD + "/servicedesk/1/requesttype/12/field");
        conforms(ReferenceSpec.jsm().checkResponse(
                SD + "/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field", "get", 200, fields.json()));
        assertThat(fields.json().at("/requestTypeFields/0/fieldId").asText()).isEqualTo("summary");
        assertThat(fields.json().at("/requestTypeFields/0/required").asBoolean()).isTrue();
        assertThat(fields.json().at("/requestTypeFields/2/validValues/1/label").asText()).isEqualTo("High");

        assertThat(client.get(SD + "/servicedesk/99/requesttype").status()).isEqualTo(404);
        assertThat(client.get(SD + "/servicedesk/1/requesttype/99/field").status()).isEqualTo(404);
    }

    @Test
    void aRequestRaisedOnBehalfOfAnEmployeeComesBackWithKeyStatusReporterAndPortalLink() {
        JsonNode created = createPrinterRequest();
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/request", "post", 201, created));
        assertThat(created.get("issueKey").asText()).isEqualTo("ITS-58");
        assertThat(created.at("/currentStatus/status").asText()).isEqualTo("Waiting for support");
        assertThat(created.at("/currentStatus/statusCategory").asText()).isEqualTo("NEW");
        assertThat(created.at("/reporter/name").asText()).isEqualTo("o.petrenko");
        assertThat(created.at("/reporter/displayName").asText()).isEqualTo("Олена Петренко");
        assertThat(created.at("/_links/web").asText())
                .isEqualTo(jira.baseUrl() + "/servicedesk/customer/portal/1/ITS-58");
        assertThat(created.at("/createdDate/epochMillis").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(created.at("/createdDate/iso8601").asText()).isEqualTo("2026-06-15T10:30:00+0300");
        assertThat(created.at("/createdDate/jira").asText()).isEqualTo("2026-06-15T10:30:00.000+0300");
        assertThat(created.at("/createdDate/friendly").asText()).startsWith("Today");

        TestClient.Answer byKey = client.get(SD + "/request/ITS-58?expand=requestType,status,participant");
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/request/{issueIdOrKey}", "get", 200, byKey.json()));
        assertThat(byKey.json().at("/requestType/id").asText()).isEqualTo("15");
        TestClient.Answer byId = client.get(SD + "/request/" + created.get("issueId").asText());
        assertThat(byId.json().get("issueKey").asText()).isEqualTo("ITS-58");
        assertThat(jira.request("ITS-58")).hasValueSatisfying(r -> {
            assertThat(r.priority()).isEqualTo("High");
            assertThat(r.reporter()).isEqualTo("o.petrenko");
            assertThat(r.requestTypeId()).isEqualTo("15");
        });

        TestClient.Answer missing = client.get(SD + "/request/ITS-999");
        assertThat(missing.status()).isEqualTo(404);
        conforms(ReferenceSpec.jsm().check("ErrorResponse", missing.json()));
        assertThat(client.get("/rest/api/2/issue/ITS-999/transitions").status()).isEqualTo(404);
    }

    @Test
    void invalidCreatesAre400WithAnErrorResponse() {
        Map<String, Object> ok = Map.of("summary", "Щось зламалось");
        List<Object> bad = List.of(
                createBody("15", Map.of("description", "без короткого опису"), null),
                createBody("15", Map.of("summary", "   "), null),
                createBody("15", Map.of("summary", "x".repeat(256)), null),
                createBody("99", ok, null),
                createBody("15", Map.of("summary", "s", "priority", Map.of("name", "Urgent")), null),
                createBody("15", Map.of("summary", "s", "customfield_10099", "x"), null),
                createBody("12", Map.of("summary", "Доступ до CRM"), null),
                createBody("15", ok, "nobody.here"),
                Map.of("serviceDeskId", "2", "requestTypeId", "15", "requestFieldValues", ok),
                Map.of("requestTypeId", "15", "requestFieldValues", ok),
                Map.of("serviceDeskId", "1", "requestTypeId", "15", "requestFieldValues", ok, "surprise", true),
                "{not json");
        for (Object body : bad) {
            TestClient.Answer a = client.post(SD + "/request", body);
            assertThat(a.status()).as(String.valueOf(body)).isEqualTo(400);
            conforms(ReferenceSpec.jsm().check("ErrorResponse", a.json()));
            assertThat(a.json().get("errorMessage").asText()).isNotBlank();
        }
        assertThat(client.post(SD + "/request", createBody("15", Map.of("summary", "s"), null)).json()
                .at("/errorMessage").isMissingNode()).isTrue();
        assertThat(jira.requests()).hasSize(58);
    }

    @Test
    void priorityNamesCanBeConfiguredAndOthersAreRefused() {
        try (JiraStandIn custom = JiraStandIn.start(pki, 0, JiraStandIn.Options.dataCenter(PAT)
                .withPriorities(List.of("Critical", "High", "Medium", "Low")))) {
            TestClient c = new TestClient(pki, custom.baseUrl(), "Bearer " + PAT);
            assertThat(c.post(SD + "/request", createBody("10", Map.of("summary", "Сервер впав",
                    "priority", Map.of("name", "Critical")), "o.petrenko")).status()).isEqualTo(201);
            assertThat(c.post(SD + "/request", createBody("10", Map.of("summary", "s",
                    "priority", Map.of("name", "Highest")), null)).status()).isEqualTo(400);
            assertThat(c.post(SD + "/request", createBody("10", Map.of("summary", "s",
                    "priority", Map.of("id", "4")), null)).status()).isEqualTo(201);
            assertThat(c.get(SD + "/servicedesk/1/requesttype/10/field").json()
                    .at("/requestTypeFields/2/validValues/0/label").asText()).isEqualTo("Critical");
            assertThat(custom.request("ITS-58").orElseThrow().priority()).isEqualTo("Critical");
            assertThat(custom.request("ITS-59").orElseThrow().priority()).isEqualTo("Low");
        }
    }

    @Test
    void commentsAndAttachmentsGoThroughTemporaryFilesWithTheXsrfHeader() {
        JsonNode created = createPrinterRequest();
        String key = created.get("issueKey").asText();

        TestClient.Answer comment = client.post(SD + "/request/" + key + "/comment",
                Map.of("body", "Фото помилки додаю нижче.", "public", true));
        assertThat(comment.status()).isEqualTo(201);
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/request/{issueIdOrKey}/comment", "post", 201,
                comment.json()));
        assertThat(comment.json().at("/author/name").asText()).isEqualTo(jira.serviceAccount());
        assertThat(client.post(SD + "/request/" + key + "/comment", Map.of("body", "")).status()).isEqualTo(400);
        assertThat(client.post(SD + "/request/" + key + "/comment", Map.of("body", "x", "internal", true)).status())
                .isEqualTo(400);

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        TestClient.Answer refused = client.upload(SD + "/servicedesk/1/attachTemporaryFile", false, "error.png",
                "image/png", png);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("XSRF check failed");
        TestClient.Answer temp = client.upload(SD + "/servicedesk/1/attachTemporaryFile", true, "error.png",
                "image/png", png);
        assertThat(temp.status()).as(temp.body()).isEqualTo(201);
        String tempId = temp.json().at("/temporaryAttachments/0/temporaryAttachmentId").asText();
        assertThat(tempId).startsWith("temp");
        assertThat(temp.json().at("/temporaryAttachments/0/fileName").asText()).isEqualTo("error.png");

        TestClient.Answer attached = client.post(SD + "/request/" + key + "/attachment", Map.of(
                "temporaryAttachmentIds", List.of(tempId), "public", true,
                "additionalComment", Map.of("body", "Знімок екрана")));
        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/request/{issueIdOrKey}/attachment", "post", 201,
                attached.json()));
        assertThat(attached.json().at("/attachments/values/0/filename").asText()).isEqualTo("error.png");
        assertThat(attached.json().at("/comment/body").asText()).isEqualTo("Знімок екрана\n\n!error.png|thumbnail!");
        assertThat(client.post(SD + "/request/" + key + "/attachment",
                Map.of("temporaryAttachmentIds", List.of(tempId))).status()).as("a temporary file is used once")
                .isEqualTo(400);

        TestClient.Answer comments = client.get(SD + "/request/" + key + "/comment");
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/request/{issueIdOrKey}/comment", "get", 200,
                comments.json()));
        assertThat(comments.json().get("size").asInt()).isEqualTo(2);
        String content = attached.json().at("/attachments/values/0/_links/content").asText();
        TestClient.Answer bytes = client.get(content.substring(jira.baseUrl().length()));
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(bytes.header("Content-Type")).isEqualTo("image/png");

        JiraRequest stored = jira.request(key).orElseThrow();
        assertThat(stored.attachments()).singleElement()
                .satisfies(a -> assertThat(a.content()).isEqualTo(png));
        assertThat(stored.comments()).extracting(JiraRequest.Comment::isPublic).containsOnly(true);
    }

    @Test
    void theKnowledgeBaseFindsArticlesForAUkrainianOrEnglishSummary() {
        TestClient.Answer a = client.get(SD + "/knowledgebase/article?query="
                + Shapes.encode("Принтер не друкує документи") + "&highlight=false&limit=3");
        assertThat(a.status()).isEqualTo(200);
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/knowledgebase/article", "get", 200, a.json()));
        assertThat(a.json().at("/values/0/title").asText()).contains("Принтер не друкує");
        assertThat(a.json().get("size").asInt()).isBetween(1, 3);

        TestClient.Answer scoped = client.get(SD + "/servicedesk/1/knowledgebase/article?query=vpn&highlight=true");
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/servicedesk/{serviceDeskId}/knowledgebase/article", "get",
                200, scoped.json()));
        assertThat(scoped.json().at("/values/0/title").asText()).contains("@@@hl@@@VPN@@@endhl@@@");
        assertThat(client.get(SD + "/knowledgebase/article?query=" + Shapes.encode("забув пароль")).json()
                .at("/values/0/source/pageId").asText()).isEqualTo("32769");
        assertThat(client.get(SD + "/knowledgebase/article?query=zzzz").json().get("size").asInt()).isZero();
        String iframe = a.json().at("/values/0/content/iframeSrc").asText();
        TestClient.Answer page = client.get(iframe.substring(jira.baseUrl().length()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Принтер не друкує");
        assertThat(client.get(SD + "/knowledgebase/article").status()).isEqualTo(400);
        assertThat(client.get(SD + "/servicedesk/7/knowledgebase/article?query=vpn").status()).isEqualTo(404);
    }

    @Test
    void theRequestListFollowsOwnership() {
        createPrinterRequest();
        client.post(SD + "/request", createBody("16", Map.of("summary", "Моя власна заявка"), null));
        TestClient.Answer owned = client.get(SD + "/request?requestOwnership=OWNED_REQUESTS");
        conforms(ReferenceSpec.jsm().checkResponse(SD + "/request", "get", 200, owned.json()));
        assertThat(owned.json().get("size").asInt()).isEqualTo(1);
        assertThat(owned.json().at("/values/0/summary").asText()).isEqualTo("Моя власна заявка");
        JsonNode all = client.get(SD + "/request?requestOwnership=ALL_REQUESTS&requestStatus=OPEN_REQUESTS&limit=100")
                .json();
        assertThat(all.get("size").asInt()).isEqualTo(14 + 2 + 2);
        assertThat(client.get(SD + "/request?requestOwnership=EVERYTHING").status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- JQL and the platform API

    @Test
    void dataCenterSearchPagesWithStartAtAndTotal() {
        JsonNode first = search("project = ITS ORDER BY created DESC", 0, 20);
        conforms(ReferenceSpec.platform().checkResponse("/rest/api/3/search", "get", 200, first));
        assertThat(first.get("total").asInt()).isEqualTo(57);
        assertThat(first.get("issues")).hasSize(20);
        assertThat(first.at("/issues/0/fields/status/name").asText()).isNotBlank();
        assertThat(first.at("/issues/0/fields/description").isTextual()).isTrue();
        JsonNode last = search("project = ITS ORDER BY created DESC", 40, 20);
        assertThat(last.get("issues")).hasSize(17);
        assertThat(last.get("startAt").asInt()).isEqualTo(40);

        TestClient.Answer post = client.post("/rest/api/2/search", Map.of("jql", "key in (ITS-1, its-2)",
                "fields", List.of("summary", "status"), "maxResults", 5));
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.json().get("total").asInt()).isEqualTo(2);
        assertThat(post.json().at("/issues/0/key").asText()).isEqualTo("ITS-2");
        List<String> fieldNames = new ArrayList<>();
        post.json().at("/issues/0/fields").fieldNames().forEachRemaining(fieldNames::add);
        assertThat(fieldNames).containsExactly("summary", "status");
        assertThat(client.get("/rest/api/3/search?jql=project%3DITS").status()).as("no v3 on Data Center")
                .isEqualTo(404);
        assertThat(client.get("/rest/api/2/search/jql?jql=project%3DITS").status()).isEqualTo(404);
    }

    @Test
    void theJqlSubsetSelectsAndOrdersAsJiraDoes() {
        assertThat(search("assignee is EMPTY AND statusCategory != Done", 0, 50).get("total").asInt()).isEqualTo(2);
        assertThat(search("assignee = EMPTY AND status = Canceled", 0, 50).get("total").asInt()).isEqualTo(1);
        assertThat(search("status in (\"Waiting for customer\") AND assignee = b.rudenko", 0, 50).get("total")
                .asInt()).isEqualTo(1);
        assertThat(search("statusCategory = Done AND resolution = Done", 0, 100).get("total").asInt()).isEqualTo(40);
        assertThat(search("assignee not in " + SPECIALISTS + " AND project = ITS", 0, 50).get("total").asInt())
                .as("NOT IN never matches the unassigned").isZero();
        String reporter = jira.requests().get(0).reporter();
        long byReporter = jira.requests().stream().filter(r -> r.reporter().equals(reporter)).count();
        assertThat(search("reporter = " + reporter, 0, 100).get("total").asInt()).isEqualTo((int) byReporter);

        JsonNode resolved = search("resolutiondate >= \"" + JQL_TIME.format(NOW.minus(Duration.ofDays(3)))
                + "\" ORDER BY resolutiondate DESC", 0, 50);
        List<String> dates = new ArrayList<>();
        resolved.get("issues").forEach(i -> dates.add(i.at("/fields/resolutiondate").asText()));
        assertThat(dates).isNotEmpty().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(search("resolved >= -3d", 0, 50).get("total")).isEqualTo(resolved.get("total"));
        assertThat(search("resolved >= startOfMonth() AND resolved <= now()", 0, 100).get("total").asInt())
                .isPositive();

        String since = JQL_TIME.format(NOW);
        assertThat(search("project = ITS AND updated >= \"" + since + "\"", 0, 50).get("total").asInt()).isZero();
        createPrinterRequest();
        JsonNode fresh = search("project = ITS AND updated >= \"" + since + "\" ORDER BY updated ASC", 0, 50);
        assertThat(fresh.at("/issues/0/key").asText()).isEqualTo("ITS-58");
    }

    @Test
    void unsupportedOrInvalidJqlIsRefusedWithAParserStyle400() {
        for (String jql : List.of("project = ITS OR assignee = b.rudenko", "summary ~ printer", "labels = urgent",
                "NOT assignee = b.rudenko", "updated >= yesterday", "assignee = nobody.here", "status = Open",
                "project = ITS ORDER BY rank", "key = ITS-999", "created >= \"2026-13-01\"", "assignee in (b.rudenko",
                "project = ITS garbage", "issueFunction in linkedIssuesOf(\"ITS-1\")")) {
            TestClient.Answer a = client.get("/rest/api/2/search?jql=" + Shapes.encode(jql));
            assertThat(a.status()).as(jql).isEqualTo(400);
            conforms(ReferenceSpec.platform().check("ErrorCollection", a.json()));
            assertThat(a.json().get("errorMessages")).as(jql).hasSize(1);
            assertThat(a.json().at("/errorMessages/0").asText()).as(jql).isNotBlank();
        }
        TestClient.Answer warn = client.get("/rest/api/2/search?validateQuery=warn&jql=" + Shapes.encode("key = ITS-999"));
        assertThat(warn.status()).isEqualTo(200);
        assertThat(warn.json().get("warningMessages")).hasSize(1);
    }

    @Test
    void assigningTakesAUserNameOnDataCenterAndRefusesCustomersAndAccountIds() {
        assertThat(client.put("/rest/api/2/issue/ITS-57/assignee", Map.of("name", "k.marchenko")).status())
                .isEqualTo(204);
        assertThat(jira.request("ITS-57").orElseThrow().assignee()).isEqualTo("k.marchenko");
        assertThat(client.put("/rest/api/2/issue/ITS-57/assignee", Map.of("name", "o.petrenko")).json()
                .at("/errors/assignee").asText()).contains("cannot be assigned");
        TestClient.Answer byAccount = client.put("/rest/api/2/issue/ITS-57/assignee",
                Map.of("accountId", JiraStandIn.accountIdOf("b.rudenko")));
        assertThat(byAccount.status()).isEqualTo(400);
        conforms(ReferenceSpec.platform().check("ErrorCollection", byAccount.json()));
        assertThat(client.put("/rest/api/2/issue/ITS-999/assignee", Map.of("name", "b.rudenko")).status())
                .isEqualTo(404);
        HashMap<String, Object> unassign = new HashMap<>();
        unassign.put("name", null);
        assertThat(client.put("/rest/api/2/issue/ITS-57/assignee", unassign).status()).isEqualTo(204);
        assertThat(jira.request("ITS-57").orElseThrow().assignee()).isNull();
    }

    @Test
    void userSearchTakesAUsernameOnDataCenter() {
        TestClient.Answer a = client.get("/rest/api/2/user/search?username=b.rud");
        assertThat(a.status()).isEqualTo(200);
        conforms(ReferenceSpec.platform().checkResponse("/rest/api/3/user/search", "get", 200, a.json()));
        assertThat(a.json()).singleElement().satisfies(u -> {
            assertThat(u.get("name").asText()).isEqualTo("b.rudenko");
            assertThat(u.get("emailAddress").asText()).isEqualTo("b.rudenko@corp.example.com");
            assertThat(u.has("accountId")).isFalse();
        });
        assertThat(client.get("/rest/api/2/user/search?username=" + Shapes.encode("Руденко")).json()).hasSize(1);
        assertThat(client.get("/rest/api/2/user/search?query=b.rud").status()).isEqualTo(400);
        assertThat(client.get("/rest/api/2/myself").json().get("name").asText()).isEqualTo("svc-itdesk");
    }

    @Test
    void transitionsMoveTheStatusAndSetTheResolution() {
        TestClient.Answer list = client.get("/rest/api/2/issue/ITS-57/transitions");
        assertThat(list.status()).isEqualTo(200);
        conforms(ReferenceSpec.platform().checkResponse("/rest/api/3/issue/{issueIdOrKey}/transitions", "get", 200,
                list.json()));
        assertThat(client.post("/rest/api/2/issue/ITS-57/transitions", Map.of("transition", Map.of("id", "41")))
                .status()).isEqualTo(204);
        JiraRequest r = jira.request("ITS-57").orElseThrow();
        assertThat(r.status()).isEqualTo("Resolved");
        assertThat(r.resolved()).isEqualTo(NOW);
        assertThat(client.post("/rest/api/2/issue/ITS-57/transitions", Map.of("transition", Map.of("id", "41")))
                .status()).as("already there").isEqualTo(400);
        assertThat(client.post("/rest/api/2/issue/ITS-57/transitions", Map.of()).status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- webhooks

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode json(WebhookReceiver.Received r) throws Exception {
        return TestClient.JSON.readTree(r.body());
    }

    @Test
    void changesArriveAsSignedWebhooksInOrder() throws Exception {
        createPrinterRequest();
        jira.changeStatus("ITS-58", "In Progress", "b.rudenko");
        client.put("/rest/api/2/issue/ITS-58/assignee", Map.of("name", "b.rudenko"));
        jira.addPublicComment("ITS-58", "b.rudenko", "Вже йду.");
        assertThat(jira.awaitWebhooks(Duration.ofSeconds(5))).isTrue();

        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(4);
        List<String> events = new ArrayList<>();
        for (WebhookReceiver.Received r : got) {
            assertThat(r.header("X-Hub-Signature")).isEqualTo(hmac(r.body()));
            assertThat(r.header("X-Atlassian-Webhook-Identifier")).isNotBlank();
            events.add(json(r).get("webhookEvent").asText());
        }
        assertThat(events).containsExactly("jira:issue_created", "jira:issue_updated", "jira:issue_updated",
                "comment_created");
        assertThat(got).extracting(r -> r.header("X-Atlassian-Webhook-Identifier")).doesNotHaveDuplicates();

        JsonNode created = json(got.get(0));
        assertThat(created.at("/issue/key").asText()).isEqualTo("ITS-58");
        assertThat(created.at("/issue/fields/reporter/name").asText()).isEqualTo("o.petrenko");
        JsonNode status = json(got.get(1)).at("/changelog/items/0");
        assertThat(status.get("field").asText()).isEqualTo("status");
        assertThat(status.get("fromString").asText()).isEqualTo("Waiting for support");
        assertThat(status.get("toString").asText()).isEqualTo("In Progress");
        assertThat(json(got.get(1)).at("/user/name").asText()).isEqualTo("b.rudenko");
        JsonNode assignee = json(got.get(2)).at("/changelog/items/0");
        assertThat(assignee.get("field").asText()).isEqualTo("assignee");
        assertThat(assignee.get("to").asText()).isEqualTo("b.rudenko");
        assertThat(assignee.get("toString").asText()).isEqualTo("Богдан Руденко");
        JsonNode comment = json(got.get(3));
        assertThat(comment.at("/comment/body").asText()).isEqualTo("Вже йду.");
        assertThat(comment.at("/comment/jsdPublic").asBoolean()).isTrue();
        assertThat(comment.at("/comment/author/name").asText()).isEqualTo("b.rudenko");
    }

    @Test
    void aWebhookRefusedWith503IsRetriedWithTheSameIdentifier() throws Exception {
        receiver.answer(503, 429);
        createPrinterRequest();
        assertThat(jira.awaitWebhooks(Duration.ofSeconds(5))).isTrue();

        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(3);
        assertThat(got).extracting(r -> r.header("X-Atlassian-Webhook-Identifier")).containsOnly(
                got.get(0).header("X-Atlassian-Webhook-Identifier"));
        assertThat(got).extracting(WebhookReceiver.Received::body).containsOnly(got.get(0).body());
        assertThat(got.get(2).header("X-Atlassian-Webhook-Retry")).isEqualTo("2");
        assertThat(jira.webhookDeliveries()).singleElement().satisfies(d -> {
            assertThat(d.attempts()).containsExactly(503, 429, 200);
            assertThat(d.outcome()).isEqualTo(WebhookDelivery.Outcome.DELIVERED);
        });
    }

    @Test
    void aWebhookAnswered400IsNotRetriedAndTheNextOneStillGoes() throws Exception {
        receiver.answer(400);
        createPrinterRequest();
        jira.addPublicComment("ITS-58", "k.marchenko", "Дивлюсь.");
        assertThat(jira.awaitWebhooks(Duration.ofSeconds(5))).isTrue();
        assertThat(jira.webhookDeliveries()).extracting(WebhookDelivery::outcome)
                .containsExactly(WebhookDelivery.Outcome.FAILED, WebhookDelivery.Outcome.DELIVERED);
    }

    @Test
    void injectedDropsLoseWebhooksSilently() throws Exception {
        jira.dropNextWebhooks(1);
        createPrinterRequest();
        jira.changeStatus("ITS-58", "In Progress", "m.honcharenko");
        assertThat(jira.awaitWebhooks(Duration.ofSeconds(5))).isTrue();
        assertThat(receiver.received()).singleElement()
                .satisfies(r -> assertThat(json(r).get("webhookEvent").asText()).isEqualTo("jira:issue_updated"));
        assertThat(jira.webhookDeliveries()).extracting(WebhookDelivery::outcome)
                .containsExactly(WebhookDelivery.Outcome.DROPPED, WebhookDelivery.Outcome.DELIVERED);
    }

    // ---------------------------------------------------------------- faults and counters

    @Test
    void injected429CarriesRetryAfterAndRateLimitResetThenCallsSucceedAgain() {
        jira.failNext(429, 2, 7);
        for (int i = 0; i < 2; i++) {
            TestClient.Answer a = client.get("/rest/api/2/search?jql=project%3DITS");
            assertThat(a.status()).isEqualTo(429);
            assertThat(a.header("Retry-After")).isEqualTo("7");
            assertThat(a.header("X-RateLimit-Reset")).isEqualTo(NOW.plusSeconds(7).toString());
            assertThat(a.json().get("errorMessages")).isNotEmpty();
        }
        assertThat(client.get("/rest/api/2/search?jql=project%3DITS").status()).isEqualTo(200);

        jira.failNext(503, 1, 3);
        TestClient.Answer unavailable = client.get(SD + "/servicedesk");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("Retry-After")).isEqualTo("3");
        conforms(ReferenceSpec.jsm().check("ErrorResponse", unavailable.json()));

        jira.setAvailable(false);
        assertThat(client.get(SD + "/servicedesk").status()).isEqualTo(503);
        jira.setAvailable(true);
        jira.injectLatency(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(client.get(SD + "/servicedesk").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        jira.injectLatency(Duration.ZERO);
        assertThatThrownBy(() -> jira.failNext(200, 1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callsAreCountedPerOperationUntilReset() {
        createPrinterRequest();
        client.get(SD + "/request/ITS-58");
        client.get(SD + "/request/ITS-58");
        client.withAuthorization(null).get(SD + "/request/ITS-58");
        client.get("/rest/api/2/search?jql=project%3DITS");
        assertThat(jira.callCount("createCustomerRequest")).isEqualTo(1);
        assertThat(jira.callCount("getCustomerRequestByIdOrKey")).isEqualTo(3);
        assertThat(jira.callCount("searchForIssuesUsingJql")).isEqualTo(1);
        assertThat(jira.totalCalls()).isEqualTo(5);
        jira.resetCallCounts();
        assertThat(jira.totalCalls()).isZero();
    }

    // ---------------------------------------------------------------- seed and control

    @Test
    void seededWorkloadsDifferSoThatALeastLoadedAssignmentHasOneAnswer() {
        String active = "assignee in " + SPECIALISTS
                + " AND status in (\"Waiting for support\", \"In Progress\", \"Waiting for customer\")";
        assertThat(perAssignee(active)).containsExactlyInAnyOrderEntriesOf(
                Map.of("m.honcharenko", 1, "k.marchenko", 3, "v.savchenko", 4, "b.rudenko", 6));
        String week = "assignee in " + SPECIALISTS + " AND statusCategory = Done AND resolved >= \""
                + JQL_TIME.format(NOW.minus(Duration.ofDays(7))) + "\"";
        assertThat(perAssignee(week)).containsExactlyInAnyOrderEntriesOf(
                Map.of("k.marchenko", 1, "v.savchenko", 2, "b.rudenko", 3));
        assertThat(perAssignee("assignee in " + SPECIALISTS + " AND resolved >= -30d"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("m.honcharenko", 3, "k.marchenko", 6, "v.savchenko", 10, "b.rudenko", 12));
        JsonNode last = search("assignee = m.honcharenko AND resolved is not EMPTY ORDER BY resolved DESC", 0, 1);
        assertThat(last.at("/issues/0/fields/resolutiondate").asText()).isEqualTo("2026-06-07T10:30:00.000+0300");

        List<SpecialistWorkload> w = jira.workloads();
        assertThat(w).extracting(SpecialistWorkload::open).doesNotHaveDuplicates();
        SpecialistWorkload least = w.stream().min(java.util.Comparator.comparingInt(SpecialistWorkload::open))
                .orElseThrow();
        assertThat(least.login()).isEqualTo("m.honcharenko");
        assertThat(w).allSatisfy(x -> assertThat(x.lastResolved()).isBeforeOrEqualTo(NOW));
        assertThat(least.lastResolved()).isEqualTo(w.stream().map(SpecialistWorkload::lastResolved)
                .min(Instant::compareTo).orElseThrow());
    }

    @Test
    void theSeedIsDeterministicForAGivenClock() {
        try (JiraStandIn other = JiraStandIn.start(pki, 0, JiraStandIn.Options.dataCenter("x")
                .withClock(Clock.fixed(NOW, ZoneId.of("UTC"))))) {
            assertThat(other.requests()).usingRecursiveFieldByFieldElementComparator().isEqualTo(jira.requests());
        }
    }

    @Test
    void theControlApiActsAsASpecialistAndShowsEverything() throws Exception {
        createPrinterRequest();
        TestClient control = client.withAuthorization(null);
        assertThat(control.post("/sandbox/jira/api/requests/ITS-58/assignee",
                Map.of("assignee", "v.savchenko", "as", "s.lysenko")).status()).isEqualTo(200);
        assertThat(control.post("/sandbox/jira/api/requests/ITS-58/status",
                Map.of("status", "Waiting for customer", "as", "v.savchenko")).status()).isEqualTo(200);
        assertThat(control.post("/sandbox/jira/api/requests/ITS-58/comments",
                Map.of("body", "Уточніть кабінет", "as", "v.savchenko")).status()).isEqualTo(200);
        assertThat(control.post("/sandbox/jira/api/requests/ITS-58/status",
                Map.of("status", "Nope", "as", "v.savchenko")).status()).isEqualTo(400);
        assertThat(control.post("/sandbox/jira/api/requests/ITS-58/status",
                Map.of("status", "Resolved", "as", "o.petrenko")).status()).as("customers are not agents")
                .isEqualTo(400);
        JsonNode one = control.get("/sandbox/jira/api/requests/ITS-58").json();
        assertThat(one.get("assignee").asText()).isEqualTo("v.savchenko");
        assertThat(one.get("status").asText()).isEqualTo("Waiting for customer");
        assertThat(one.at("/comments/0/body").asText()).isEqualTo("Уточніть кабінет");
        assertThat(control.get("/sandbox/jira/api/requests").json()).hasSize(58);
        assertThat(control.get("/sandbox/jira/api/requests/ITS-999").status()).isEqualTo(404);
        assertThat(control.get("/sandbox/jira/api/workloads").json()).hasSize(4);
        assertThat(control.get("/sandbox/jira/api/calls").json().at("/byOperation/createCustomerRequest").asInt())
                .isEqualTo(1);
        assertThat(control.post("/sandbox/jira/api/faults/fail", Map.of("status", 429, "count", 1,
                "retryAfterSeconds", 2)).status()).isEqualTo(200);
        assertThat(client.get(SD + "/servicedesk").status()).isEqualTo(429);
        assertThat(jira.awaitWebhooks(Duration.ofSeconds(5))).isTrue();
        assertThat(control.get("/sandbox/jira/api/webhooks").json()).hasSize(4);
        assertThat(control.get("/sandbox/jira/api/users").json().size()).isGreaterThan(30);
    }
}
