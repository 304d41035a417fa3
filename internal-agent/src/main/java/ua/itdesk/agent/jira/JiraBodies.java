package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The JSON the client sends, and the answers that stay internal, shaped as in Atlassian's OpenAPI files. Request
 * bodies leave out nulls: Jira's DTOs forbid unknown properties and most do not accept null either.
 */
final class JiraBodies {

    private JiraBodies() {
    }

    /** RequestCreateDTO. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateRequest(String serviceDeskId, String requestTypeId, Map<String, Object> requestFieldValues,
            String raiseOnBehalfOf) {
    }

    /** {@code {"name": ...}} inside {@code priority}. */
    record ByName(String name) {
    }

    /** CommentCreateDTO. */
    record NewComment(String body, @JsonProperty("public") boolean isPublic) {
    }

    /** AttachmentCreateDTO. */
    record Attach(List<String> temporaryAttachmentIds, @JsonProperty("public") boolean isPublic) {
    }

    /** The 201 of attachTemporaryFile (the OpenAPI file gives only an example of it). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TemporaryAttachments(List<TemporaryAttachment> temporaryAttachments) {
    }

    /** Data Center {@code POST /rest/api/2/search}: SearchRequestBean. */
    record OffsetSearch(String jql, int startAt, int maxResults, List<String> fields) {
    }

    /** Data Center's answer: SearchResults. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OffsetResults(int startAt, int maxResults, int total, List<JiraIssue> issues) {
    }

    /** Cloud {@code POST /rest/api/3/search/jql}: SearchAndReconcileRequestBean. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenSearch(String jql, String nextPageToken, int maxResults, List<String> fields) {
    }

    /** Cloud's answer: SearchAndReconcileResults. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResults(List<JiraIssue> issues, String nextPageToken, Boolean isLast) {
    }

    /** Data Center assignee: the user name. */
    record AssigneeByName(String name) {
    }

    /** Cloud assignee: the accountId. */
    record AssigneeByAccountId(String accountId) {
    }
}
