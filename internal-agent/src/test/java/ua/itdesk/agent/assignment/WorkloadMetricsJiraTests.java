package ua.itdesk.agent.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.Canned;
import ua.itdesk.agent.testing.FakeJira;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Sandbox;

/** The loader through the real Jira client against the scripted Jira Data Center: what goes over the wire. */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_DATA_CENTER))
class WorkloadMetricsJiraTests {

    private static final String SEARCH = "/rest/api/2/search";

    @InjectSandbox
    Sandbox sandbox;

    @Inject
    WorkloadMetrics metrics;

    @Inject
    AssignmentScorer scorer;

    FakeJira fake;

    @BeforeEach
    void freshJira() {
        fake = sandbox.jira();
        fake.reset();
        metrics.invalidate();
        fake.on("GET", "/rest/servicedeskapi/servicedesk/" + AgentSandboxResource.JIRA_SERVICE_DESK)
                .reply(200, Canned.jira("servicedesk.json"));
    }

    @AfterEach
    void everyExchangeConformedToTheReferenceFiles() {
        assertThat(fake.contractViolations()).isEmpty();
    }

    @Test
    void fortySpecialistsCostThreeSearchesAndTheCacheNone() throws Exception {
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> "spec" + i).toList();
        fake.on("POST", SEARCH)
                .reply(200, page(issue("1", "spec3", null), issue("2", "spec3", null), issue("3", "spec7", null)))
                .reply(200, page(issue("4", "spec7", "2026-03-10T09:00:00.000+0200")))
                .reply(200, page(issue("4", "spec7", "2026-03-10T09:00:00.000+0200"),
                        issue("5", "spec3", "2026-03-01T09:00:00.000+0200")));

        Workloads w = metrics.load(ids);
        metrics.load(new java.util.TreeSet<>(ids).descendingSet());

        var searches = fake.exchanges("POST", SEARCH);
        assertThat(searches).hasSize(3);
        assertThat(searches.get(0).json().path("jql").asText()).startsWith("project = \"HELP\" AND assignee in (")
                .contains("\"spec39\"").endsWith("AND statusCategory != 3");
        assertThat(searches.get(2).json().path("jql").asText()).endsWith("ORDER BY resolved DESC");
        assertThat(searches.get(2).json().path("fields").toString()).isEqualTo("[\"assignee\",\"resolutiondate\"]");

        Candidate spec3 = w.candidates().stream().filter(c -> c.specialistId().equals("spec3")).findFirst().orElseThrow();
        Candidate spec7 = w.candidates().stream().filter(c -> c.specialistId().equals("spec7")).findFirst().orElseThrow();
        assertThat(spec3.activeRequests()).isEqualTo(2);
        assertThat(spec3.resolvedInPeriod()).isZero();
        assertThat(spec7.activeRequests()).isEqualTo(1);
        assertThat(spec7.resolvedInPeriod()).isEqualTo(1);
        assertThat(spec7.lastResolutionAge()).isPresent();
        assertThat(w.candidates()).hasSize(40);
        // with nothing else to tell them apart, the scorer picks someone idle with no load
        assertThat(scorer.best(w.candidates())).isPresent();
    }

    @Test
    void jiraRefusingTheQueryIsATypedFailure() {
        fake.on("POST", SEARCH).reply(400, Canned.jira("platform-error-400.json"));

        assertThatThrownBy(() -> metrics.load(List.of("o.koval")))
                .isInstanceOf(WorkloadUnavailableException.class)
                .hasMessageContaining("workload not read from Jira");
        assertThat(fake.exchanges("POST", SEARCH)).hasSize(1);
    }

    private static String page(String... issues) {
        return "{\"startAt\":0,\"maxResults\":1000,\"total\":" + issues.length + ",\"issues\":["
                + String.join(",", issues) + "]}";
    }

    private static String issue(String id, String assignee, String resolved) {
        return "{\"id\":\"" + id + "\",\"key\":\"HELP-" + id + "\",\"fields\":{\"assignee\":{\"name\":\"" + assignee
                + "\",\"active\":true},\"resolutiondate\":" + (resolved == null ? "null" : "\"" + resolved + "\"")
                + "}}";
    }
}
