package ua.itdesk.agent.jira;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.Canned;
import ua.itdesk.agent.testing.JiraContract;

/**
 * The canned Jira answers of the tests conform to Atlassian's OpenAPI files, and the check is not vacuous: it
 * catches the mistakes a hand-written Jira client or fake makes. The requests the client sends are checked on
 * the wire by {@code FakeJira} in {@link JiraDataCenterTests} and {@link JiraCloudTests}.
 */
class JiraContractTest {

    private final JiraContract contract = JiraContract.get();

    @Test
    void everyCannedAnswerConformsToTheReferenceFiles() throws IOException {
        Properties index = index();
        for (String file : index.stringPropertyNames()) {
            String[] call = index.getProperty(file).split(" ");
            List<String> problems = contract.checkResponse(call[0], call[1], Integer.parseInt(call[2]),
                    Canned.jira(file));
            assertThat(problems).as(file + " as the answer to " + index.getProperty(file)).isEmpty();
        }
    }

    @Test
    void everyCannedFileIsListedSoNoneEscapesTheCheck() throws IOException, URISyntaxException {
        Path folder = Path.of(JiraContractTest.class.getResource("/jira/canned.properties").toURI()).getParent();
        Set<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(files).isEqualTo(new TreeSet<>(index().stringPropertyNames()));
    }

    @Test
    void catchesAnUnknownPropertyInARequestBody() {
        String misspelt = "{\"serviceDeskId\":\"10\",\"requestTypeId\":\"11001\","
                + "\"requestFieldValue\":{\"summary\":\"x\"}}";

        assertThat(contract.checkRequest("POST", "/rest/servicedeskapi/request", misspelt))
                .anyMatch(p -> p.contains("additionalProperties") && p.contains("requestFieldValue"));
    }

    @Test
    void catchesANumberWhereJiraWantsAStringId() {
        String numericIds = "{\"serviceDeskId\":10,\"requestTypeId\":11001,\"requestFieldValues\":{}}";

        assertThat(contract.checkRequest("POST", "/rest/servicedeskapi/request", numericIds))
                .anyMatch(p -> p.contains("/serviceDeskId")).anyMatch(p -> p.contains("/requestTypeId"));
    }

    @Test
    void catchesACommentWithoutTheRightVisibilityType() {
        assertThat(contract.checkRequest("POST", "/rest/servicedeskapi/request/HELP-1/comment",
                "{\"body\":\"hi\",\"public\":\"yes\"}")).anyMatch(p -> p.contains("/public"));
    }

    @Test
    void catchesAnAnswerWithAFieldJiraDoesNotSend() {
        String withExtra = Canned.jira("servicedesk.json").replace("\"id\": \"10\"", "\"id\": \"10\", \"key\": \"x\"");

        assertThat(contract.checkResponse("GET", "/rest/servicedeskapi/servicedesk/10", 200, withExtra))
                .anyMatch(p -> p.contains("additionalProperties"));
    }

    @Test
    void catchesAPlatformErrorBodyInTheServiceManagementShape() {
        assertThat(contract.checkResponse("POST", "/rest/api/3/search/jql", 400, Canned.jira("jsm-error-400.json")))
                .isNotEmpty();
        assertThat(contract.checkResponse("POST", "/rest/servicedeskapi/request", 400,
                Canned.jira("platform-error-400.json"))).isNotEmpty();
    }

    @Test
    void catchesACloudSearchBodyWithDataCenterPaging() {
        assertThat(contract.checkRequest("POST", "/rest/api/3/search/jql",
                "{\"jql\":\"project = \\\"HELP\\\"\",\"startAt\":0,\"maxResults\":50}"))
                .anyMatch(p -> p.contains("startAt"));
    }

    @Test
    void holdsDataCenterPathsToTheirCloudTwins() {
        assertThat(contract.checkRequest("POST", "/rest/api/2/search",
                "{\"jql\":\"project = \\\"HELP\\\"\",\"startAt\":0,\"maxResults\":50,\"fields\":[\"summary\"]}"))
                .isEmpty();
        assertThat(contract.checkRequest("PUT", "/rest/api/2/issue/HELP-1/assignee", "{\"name\":\"jdoe\"}"))
                .isEmpty();
        assertThat(contract.checkRequest("PUT", "/rest/api/2/issue/HELP-1/assignee", "{\"username\":\"jdoe\"}"))
                .isNotEmpty();
    }

    private static Properties index() throws IOException {
        Properties index = new Properties();
        try (InputStream in = JiraContractTest.class.getResourceAsStream("/jira/canned.properties")) {
            index.load(in);
        }
        return index;
    }
}
