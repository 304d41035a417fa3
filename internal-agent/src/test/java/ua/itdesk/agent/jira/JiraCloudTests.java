package ua.itdesk.agent.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.config.AgentConfig.Jira.Flavour;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.Canned;
import ua.itdesk.agent.testing.FakeJira;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Sandbox;

/**
 * What changes on Jira Cloud: Basic authentication with e-mail and API token, {@code /rest/api/3}, search paged by
 * {@code nextPageToken} with the fields named, accountIds for assignees, reporters and user search. The Service
 * Management calls are the same as on Data Center ({@link JiraDataCenterTests}).
 */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_CLOUD))
class JiraCloudTests {

    private static final String ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";

    @InjectSandbox
    Sandbox sandbox;

    @Inject
    JiraClient jira;

    @Inject
    CircuitBreakerMaintenance breakers;

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
    void sendsTheEmailAndApiTokenAsBasic() {
        fake.on("GET", "/rest/servicedeskapi/servicedesk/10").reply(200, Canned.jira("servicedesk.json"));

        jira.serviceDesk();

        assertThat(jira.flavour()).isEqualTo(Flavour.CLOUD);
        String expected = Base64.getEncoder().encodeToString((AgentSandboxResource.JIRA_USER_EMAIL + ":"
                + AgentSandboxResource.JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(fake.exchanges().get(0).header("Authorization")).isEqualTo("Basic " + expected);
    }

    @Test
    void searchesPageByPageWithNextPageTokenAndNamedFields() {
        fake.on("POST", "/rest/api/3/search/jql")
                .reply(200, Canned.jira("cloud-search-page-1.json"))
                .reply(200, Canned.jira("cloud-search-page-2.json"));
        Jql query = jira.jql().assignees(List.of(ACCOUNT)).statusCategoryNot(Jql.StatusCategory.DONE).build();

        IssuePage first = jira.search(query, null, 1, null);
        IssuePage second = jira.search(query, null, 1, first.nextPageToken());

        assertThat(first.issues()).extracting(JiraIssue::key).containsExactly("HELP-42");
        assertThat(first.nextPageToken()).isEqualTo("CAEaAggD");
        assertThat(first.total()).isNull();
        assertThat(second.issues()).extracting(JiraIssue::key).containsExactly("HELP-43");
        assertThat(second.isLast()).isTrue();
        assertThat(second.issues().get(0).fields().resolutiondate()).isNotNull();
        var firstBody = fake.exchanges().get(0).json();
        assertThat(firstBody.has("nextPageToken")).isFalse();
        assertThat(firstBody.has("startAt")).isFalse();
        assertThat(firstBody.path("jql").asText())
                .isEqualTo("assignee in (\"" + ACCOUNT + "\") AND statusCategory != 3");
        assertThat(firstBody.path("fields")).extracting(n -> n.asText())
                .containsExactlyElementsOf(JiraClient.ISSUE_FIELDS);
        assertThat(fake.exchanges().get(1).json().path("nextPageToken").asText()).isEqualTo("CAEaAggD");
    }

    @Test
    void assignsByAccountId() {
        fake.on("PUT", "/rest/api/3/issue/HELP-42/assignee").reply(204, null);

        jira.assign("HELP-42", ACCOUNT);

        assertThat(fake.exchanges().get(0).bodyText()).isEqualTo("{\"accountId\":\"" + ACCOUNT + "\"}");
    }

    @Test
    void aRefusedAssigneeSurfacesJirasFieldError() {
        fake.on("PUT", "/rest/api/3/issue/HELP-42/assignee").reply(400, Canned.jira("platform-error-400-fields.json"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jira.assign("HELP-42", ACCOUNT))
                .isInstanceOfSatisfying(JiraRejectedException.class, e -> assertThat(e.fieldErrors())
                        .containsEntry("assignee", "User 'nobody' cannot be assigned issues."));
    }

    @Test
    void findsUsersByQueryAndTakesTheOnlyMatchWhenCloudHidesTheAddress() {
        fake.on("GET", "/rest/api/3/user/search").reply(200, Canned.jira("cloud-users.json"));

        assertThat(jira.userByEmail("i.shevchenko@corp.example.com")).get().extracting(JiraUser::reference)
                .isEqualTo(ACCOUNT);
        assertThat(fake.exchanges().get(0).param("query")).isEqualTo("i.shevchenko@corp.example.com");
        assertThat(fake.exchanges().get(0).param("username")).isNull();
    }

    @Test
    void raisesRequestsOnBehalfOfAnAccountId() {
        fake.on("POST", "/rest/servicedeskapi/request").reply(201, Canned.jira("request.json"));

        jira.createRequest(new NewRequest("11001", "VPN does not connect", null, null, ACCOUNT));

        var body = fake.exchanges().get(0).json();
        assertThat(body.path("raiseOnBehalfOf").asText()).isEqualTo(ACCOUNT);
        assertThat(body.path("requestFieldValues").has("description")).isFalse();
        assertThat(body.path("requestFieldValues").has("priority")).isFalse();
    }
}
