package ua.itdesk.agent.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.config.AgentConfig.Jira.Flavour;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.Canned;
import ua.itdesk.agent.testing.FakeJira;
import ua.itdesk.agent.testing.FakeJira.Exchange;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Sandbox;

/**
 * The Jira client against a scripted Jira Data Center over HTTPS: what it sends (auth, paths, bodies, paging) and
 * how it copes with each kind of answer. Every exchange is also held to Atlassian's OpenAPI files.
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_DATA_CENTER))
class JiraDataCenterTests {

    private static final String SD = "/rest/servicedeskapi";
    /** Jira Service Management's error body (ErrorResponse); its operations declare it for 401 and 500. */
    private static final String JSM_ERROR = "{\"errorMessage\":\"Something went wrong.\"}";

    @InjectSandbox
    Sandbox sandbox;

    @Inject
    JiraClient jira;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    MeterRegistry metrics;

    FakeJira fake;

    @BeforeEach
    void freshJira() {
        fake = sandbox.jira();
        fake.reset();
        breakers.reset(JiraGuard.CIRCUIT);
    }

    @AfterEach
    void everyExchangeConformedToTheReferenceFiles() {
        assertThat(fake.contractViolations()).isEmpty();
    }

    @Test
    void sendsThePersonalAccessTokenAsBearer() {
        fake.on("GET", SD + "/servicedesk").reply(200, Canned.jira("servicedesk-page.json"));

        Page<ServiceDesk> desks = jira.serviceDesks(0, 50);

        assertThat(jira.flavour()).isEqualTo(Flavour.DATA_CENTER);
        assertThat(desks.values()).extracting(ServiceDesk::projectKey).containsExactly("HELP");
        Exchange sent = fake.exchanges().get(0);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + AgentSandboxResource.JIRA_TOKEN);
        assertThat(sent.param("start")).isEqualTo("0");
        assertThat(sent.param("limit")).isEqualTo("50");
    }

    @Test
    void readsAllRequestTypesPageByPage() {
        fake.on("GET", SD + "/servicedesk/10/requesttype")
                .reply(200, Canned.jira("requesttype-page-1.json"))
                .reply(200, Canned.jira("requesttype-page-2.json"));

        List<RequestType> types = jira.allRequestTypes();

        assertThat(types).extracting(RequestType::id).containsExactly("11001", "11002", "11003");
        assertThat(fake.exchanges()).extracting(e -> e.param("start")).containsExactly("0", "2");
    }

    @Test
    void readsTheFieldsOfARequestType() {
        fake.on("GET", SD + "/servicedesk/10/requesttype/11001/field")
                .reply(200, Canned.jira("requesttype-fields.json"));

        RequestTypeFields fields = jira.requestTypeFields("11001");

        assertThat(fields.canRaiseOnBehalfOf()).isTrue();
        assertThat(fields.field("summary")).get().extracting(RequestTypeFields.Field::required).isEqualTo(true);
        assertThat(fields.field("priority").orElseThrow().validValues())
                .extracting(RequestTypeFields.Option::label).contains("High", "Low");
    }

    @Test
    void createsARequestOnBehalfOfTheEmployee() {
        fake.on("POST", SD + "/request").reply(201, Canned.jira("request.json"));

        CustomerRequest created = jira.createRequest(new NewRequest("11001", "VPN does not connect\u0007",
                "Since this morning,\r\nerror 809.", "High", "o.kovalenko"));

        assertThat(created.issueKey()).isEqualTo("HELP-42");
        assertThat(created.links().web()).endsWith("/servicedesk/customer/portal/1/HELP-42");
        assertThat(created.currentStatus().statusCategory()).isEqualTo("NEW");
        assertThat(created.createdDate().instant()).contains(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(created.text("description")).contains("Since this morning, error 809.");
        var body = fake.exchanges().get(0).json();
        assertThat(body.path("serviceDeskId").asText()).isEqualTo("10");
        assertThat(body.path("requestTypeId").asText()).isEqualTo("11001");
        assertThat(body.path("raiseOnBehalfOf").asText()).isEqualTo("o.kovalenko");
        assertThat(body.path("requestFieldValues").path("summary").asText()).isEqualTo("VPN does not connect");
        assertThat(body.path("requestFieldValues").path("description").asText())
                .isEqualTo("Since this morning,\r\nerror 809.");
        assertThat(body.path("requestFieldValues").path("priority").path("name").asText()).isEqualTo("High");
    }

    @Test
    void getsARequestWithTheRequestedExpansions() {
        fake.on("GET", SD + "/request/HELP-42").reply(200, Canned.jira("request-expanded.json"));

        CustomerRequest request = jira.request("HELP-42", RequestExpand.REQUEST_TYPE, RequestExpand.STATUS);

        assertThat(request.requestType().name()).isEqualTo("Get IT help");
        assertThat(request.currentStatus().status()).isEqualTo("In progress");
        assertThat(fake.exchanges().get(0).param("expand")).isEqualTo("requestType,status");
    }

    @Test
    void addsAPublicCommentAndListsTheCommentsTheCustomerSees() {
        fake.on("POST", SD + "/request/HELP-42/comment").reply(201, Canned.jira("comment.json"));
        fake.on("GET", SD + "/request/HELP-42/comment").reply(200, Canned.jira("comment-page.json"));

        Comment added = jira.addPublicComment("HELP-42", "The VPN client still shows error 809.");
        Page<Comment> comments = jira.publicComments("HELP-42", 0, 50);

        assertThat(added.isPublic()).isTrue();
        var body = fake.exchanges("POST", SD + "/request/HELP-42/comment").get(0).json();
        assertThat(body.path("body").asText()).isEqualTo("The VPN client still shows error 809.");
        assertThat(body.path("public").asBoolean()).isTrue();
        assertThat(comments.values()).extracting(Comment::id).containsExactly("30000", "30001");
        Exchange listed = fake.exchanges("GET", SD + "/request/HELP-42/comment").get(0);
        assertThat(listed.param("public")).isEqualTo("true");
        assertThat(listed.param("internal")).isEqualTo("false");
    }

    @Test
    void uploadsATemporaryFileThenAttachesItPublicly() {
        fake.on("POST", SD + "/servicedesk/10/attachTemporaryFile")
                .reply(201, Canned.jira("temporary-attachments.json"));
        fake.on("POST", SD + "/request/HELP-42/attachment").reply(201, Canned.jira("attachment-result.json"));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0};

        List<TemporaryAttachment> uploaded = jira.uploadTemporaryFile("C:\\Users\\o\\screen\"shot.png", "image/png",
                png);
        AttachmentResult attached = jira.attach("HELP-42",
                uploaded.stream().map(TemporaryAttachment::temporaryAttachmentId).toList(), true);

        Exchange upload = fake.exchanges().get(0);
        assertThat(upload.header("X-Atlassian-Token")).isEqualTo("no-check");
        assertThat(upload.header("Content-Type")).startsWith("multipart/form-data");
        String multipart = new String(upload.body(), StandardCharsets.ISO_8859_1);
        assertThat(multipart).contains("name=\"file\"").contains("filename=\"screen_shot.png\"")
                .containsIgnoringCase("Content-Type: image/png").contains(new String(png, StandardCharsets.ISO_8859_1));
        var body = fake.exchanges().get(1).json();
        assertThat(body.path("temporaryAttachmentIds").get(0).asText()).isEqualTo("temp8186986881700442965");
        assertThat(body.path("public").asBoolean()).isTrue();
        assertThat(attached.attachments().values()).extracting(AttachmentResult.Attachment::filename)
                .containsExactly("screenshot.png");
    }

    @Test
    void searchesTheServiceDesksKnowledgeBaseWithThePlainSummary() {
        fake.on("GET", SD + "/servicedesk/10/knowledgebase/article").reply(200, Canned.jira("article-page.json"));

        Page<Article> articles = jira.knowledgeBase("VPN \"809\" & <error>\n", 3);

        assertThat(articles.values()).extracting(Article::title).first().isEqualTo("VPN error 809");
        Exchange sent = fake.exchanges().get(0);
        assertThat(sent.param("query")).isEqualTo("VPN \"809\" & <error>");
        assertThat(sent.param("highlight")).isEqualTo("false");
        assertThat(sent.param("limit")).isEqualTo("3");
        assertThat(sent.header("X-ExperimentalApi")).isEqualTo("opt-in");
    }

    @Test
    void searchesByOffsetAndHandsBackAPageToken() {
        fake.on("POST", "/rest/api/2/search").reply(200, Canned.jira("dc-search-page-1.json"));
        Jql query = jira.jql().project("HELP").unresolved().orderBy(Jql.Field.CREATED, Jql.Order.ASC).build();

        IssuePage page = jira.search(query, null, 2, null);
        jira.search(query, List.of("summary"), 2, page.nextPageToken());

        assertThat(page.issues()).extracting(JiraIssue::key).containsExactly("HELP-42", "HELP-43");
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.nextPageToken()).isEqualTo("2");
        JiraIssue.Fields first = page.issues().get(0).fields();
        assertThat(first.status().statusCategory().key()).isEqualTo("new");
        assertThat(first.created().toInstant()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(page.issues().get(1).fields().assignee().reference()).isEqualTo("i.shevchenko");
        var firstBody = fake.exchanges().get(0).json();
        assertThat(firstBody.path("jql").asText())
                .isEqualTo("project = \"HELP\" AND resolution is EMPTY ORDER BY created ASC");
        assertThat(firstBody.path("startAt").asInt()).isEqualTo(0);
        assertThat(firstBody.path("maxResults").asInt()).isEqualTo(2);
        assertThat(firstBody.path("fields")).extracting(n -> n.asText()).containsAll(JiraClient.ISSUE_FIELDS);
        var secondBody = fake.exchanges().get(1).json();
        assertThat(secondBody.path("startAt").asInt()).isEqualTo(2);
        assertThat(secondBody.path("fields")).extracting(n -> n.asText()).containsExactly("summary");
    }

    @Test
    void listsTheRequestsAnEmployeeReportedThroughJqlOnTheDesksProject() {
        fake.on("GET", SD + "/servicedesk/10").reply(200, Canned.jira("servicedesk.json"));
        fake.on("POST", "/rest/api/2/search").reply(200, Canned.jira("dc-search-page-1.json"));

        jira.requestsReportedBy("o.kovalenko", 20, null);

        assertThat(fake.exchanges("POST", "/rest/api/2/search").get(0).json().path("jql").asText())
                .isEqualTo("project = \"HELP\" AND reporter = \"o.kovalenko\" ORDER BY created DESC");
    }

    @Test
    void assignsByUserName() {
        fake.on("PUT", "/rest/api/2/issue/HELP-42/assignee").reply(204, null);

        jira.assign("HELP-42", "i.shevchenko");

        assertThat(fake.exchanges().get(0).bodyText()).isEqualTo("{\"name\":\"i.shevchenko\"}");
    }

    @Test
    void findsTheActiveUserWithExactlyThatEmailByUsernameSearch() {
        fake.on("GET", "/rest/api/2/user/search").reply(200, Canned.jira("dc-users.json"));

        assertThat(jira.userByEmail("I.Shevchenko@corp.example.com")).get().extracting(JiraUser::reference)
                .isEqualTo("i.shevchenko");
        assertThat(fake.exchanges().get(0).param("username")).isEqualTo("I.Shevchenko@corp.example.com");
    }

    @Test
    void waitsOutRetryAfterOn429ThenSucceeds() {
        fake.on("GET", SD + "/request/HELP-42")
                .reply(429, Map.of("Retry-After", "1"), "{\"errorMessages\":[\"Rate limit exceeded.\"]}")
                .reply(200, Canned.jira("request-expanded.json"));

        long started = System.nanoTime();
        CustomerRequest request = jira.request("HELP-42");

        assertThat(request.issueKey()).isEqualTo("HELP-42");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(fake.exchanges()).extracting(Exchange::status).containsExactly(429, 200);
        assertThat(count("get-request", "success")).isEqualTo(1);
    }

    @Test
    void aRetryAfterBeyondTheCapFailsAtOnceCarryingTheHint() {
        fake.on("GET", SD + "/request/HELP-42").reply(429, Map.of("Retry-After", "120"), "");

        assertThatThrownBy(() -> jira.request("HELP-42"))
                .isInstanceOfSatisfying(JiraUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
                });
        assertThat(fake.exchanges()).hasSize(1);
    }

    @Test
    void retries503WithBackoffUntilJiraRecovers() {
        fake.on("POST", "/rest/api/2/search")
                .reply(503, "")
                .reply(503, "")
                .reply(200, Canned.jira("dc-search-page-1.json"));

        IssuePage page = jira.search(jira.jql().project("HELP").build(), null, 50, null);

        assertThat(page.issues()).hasSize(2);
        assertThat(fake.exchanges()).extracting(Exchange::status).containsExactly(503, 503, 200);
    }

    @Test
    void givesUpAfterTheConfiguredRetries() {
        fake.on("GET", SD + "/servicedesk").reply(502, "");

        assertThatThrownBy(() -> jira.serviceDesks(0, 10)).isInstanceOf(JiraUnavailableException.class);
        assertThat(fake.exchanges()).hasSize(3); // the first attempt and agent.jira.max-retries=2
    }

    @Test
    void badRequestSurfacesJirasMessagesAndIsNotRetried() {
        fake.on("POST", "/rest/api/2/search").reply(400, Canned.jira("platform-error-400.json"));

        assertThatThrownBy(() -> jira.search(jira.jql().project("HELP").build(), null, 10, null))
                .isInstanceOfSatisfying(JiraRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.operation()).isEqualTo(JiraOperation.SEARCH);
                    assertThat(e.errorMessages()).containsExactly(
                            "Error in the JQL Query: The character '%' is a reserved JQL character.");
                });
        assertThat(fake.exchanges()).hasSize(1);
        assertThat(count("search", "rejected")).isEqualTo(1);
    }

    @Test
    void serviceManagementErrorMessageSurfacesToo() {
        fake.on("POST", SD + "/request").reply(400, Canned.jira("jsm-error-400.json"));

        assertThatThrownBy(() -> jira.createRequest(new NewRequest("11001", "Mouse", null, "Urgent", "o.kovalenko")))
                .isInstanceOfSatisfying(JiraRejectedException.class, e -> assertThat(e.errorMessages())
                        .containsExactly("Field 'priority' is not valid for this request type."));
        assertThat(fake.exchanges()).hasSize(1);
    }

    @Test
    void anUnknownRequestIsNotFound() {
        fake.on("GET", SD + "/request/HELP-42").reply(404, Canned.jira("jsm-error-404.json"));

        assertThatThrownBy(() -> jira.request("HELP-42")).isInstanceOf(JiraNotFoundException.class);
        assertThat(fake.exchanges()).hasSize(1);
    }

    @Test
    void aRefusedTokenIsAccessDeniedAndNotRetried() {
        fake.on("GET", SD + "/servicedesk").reply(401, JSM_ERROR);

        assertThatThrownBy(() -> jira.serviceDesks(0, 10)).isInstanceOf(JiraAccessDeniedException.class);
        assertThat(fake.exchanges()).hasSize(1);
    }

    @Test
    void doesNotResendACreateThatMayHaveReachedJira() {
        fake.on("POST", SD + "/request").reply(500, JSM_ERROR).reply(201, Canned.jira("request.json"));

        assertThatThrownBy(() -> jira.createRequest(new NewRequest("11001", "Mouse", null, null, "o.kovalenko")))
                .isInstanceOfSatisfying(JiraUnavailableException.class,
                        e -> assertThat(e.mayHaveSucceeded()).isTrue());
        assertThat(fake.exchanges()).hasSize(1);
    }

    @Test
    void doesNotResendACreateWhoseAnswerNeverCame() {
        fake.on("POST", SD + "/request").replyAfter(Duration.ofSeconds(3), 201, Canned.jira("request.json"));

        assertThatThrownBy(() -> jira.createRequest(new NewRequest("11001", "Mouse", null, null, "o.kovalenko")))
                .isInstanceOfSatisfying(JiraUnavailableException.class, e -> {
                    assertThat(e.mayHaveSucceeded()).isTrue();
                    assertThat(e.status()).isZero();
                });
        assertThat(fake.exchanges()).hasSize(1); // agent.jira.read-timeout is PT2S here
        assertThat(count("create-request", "no-answer")).isEqualTo(1);
    }

    @Test
    void rateLimitingNeverOpensTheCircuit() {
        fake.on("GET", SD + "/servicedesk").reply(429, Map.of("Retry-After", "0"), "");
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> jira.serviceDesks(0, 10)).isInstanceOf(JiraThrottledException.class);
        }
        assertThat(fake.exchanges()).hasSizeGreaterThanOrEqualTo(10); // enough attempts to open it if they counted

        assertThat(breakers.currentState(JiraGuard.CIRCUIT)).isEqualTo(CircuitBreakerState.CLOSED);
        fake.on("GET", SD + "/request/HELP-42").reply(200, Canned.jira("request-expanded.json"));
        assertThat(jira.request("HELP-42").issueKey()).isEqualTo("HELP-42");
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndStopsCallingJira() {
        fake.on("GET", SD + "/servicedesk").reply(500, JSM_ERROR);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> jira.serviceDesks(0, 10)).isInstanceOf(JiraUnavailableException.class);
        }
        int sentWhileClosed = fake.exchanges().size();

        assertThat(breakers.currentState(JiraGuard.CIRCUIT)).isEqualTo(CircuitBreakerState.OPEN);
        assertThatThrownBy(() -> jira.request("HELP-42"))
                .isInstanceOfSatisfying(JiraUnavailableException.class,
                        e -> assertThat(e.getMessage()).contains("circuit open"));
        assertThat(fake.exchanges()).hasSize(sentWhileClosed);
        assertThat(count("get-request", "circuit-open")).isEqualTo(1);
    }

    @Test
    void refusesArgumentsThatCannotBeRightWithoutCallingJira() {
        assertThatThrownBy(() -> jira.request("../../rest/api/2/myself"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jira.assign("HELP-42", "x\" OR 1=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jira.addPublicComment("HELP-42", " \u0000 ")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> jira.search(jira.jql().project("HELP").build(), null, 10, "2; DROP"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(fake.exchanges()).isEmpty();
    }

    /** Calls recorded in {@code jira.calls} since the test began (the timer lives as long as the agent). */
    private double count(String operation, String outcome) {
        Timer timer = metrics.find("jira.calls").tag("operation", operation).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count() - baseline.getOrDefault(operation + "/" + outcome, 0L);
    }

    private final Map<String, Long> baseline = new java.util.HashMap<>();

    @BeforeEach
    void rememberCounts() {
        baseline.clear();
        metrics.find("jira.calls").timers().forEach(t -> baseline.put(
                t.getId().getTag("operation") + "/" + t.getId().getTag("outcome"), t.count()));
    }
}
