package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A customer request (CustomerRequestDTO): key, the field values as the portal shows them, the current status and
 * the links for people ({@code _links.web} is the customer portal page, {@code _links.agent} the agent view).
 * {@code requestType} is filled only when asked for with {@link RequestExpand#REQUEST_TYPE}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerRequest(String issueId, String issueKey, String summary, String requestTypeId,
        String serviceDeskId, JiraDate createdDate, JiraUser reporter, List<FieldValue> requestFieldValues,
        Status currentStatus, RequestType requestType, @JsonProperty("_links") Links links) {

    public CustomerRequest {
        requestFieldValues = requestFieldValues == null ? List.of() : List.copyOf(requestFieldValues);
    }

    /** The text of a field such as {@code description}, when the request has it and it is text. */
    public Optional<String> text(String fieldId) {
        return requestFieldValues.stream()
                .filter(v -> fieldId.equals(v.fieldId()) && v.value() != null && v.value().isTextual())
                .map(v -> v.value().asText())
                .findFirst();
    }

    /** A field value: {@code value} is a string, an object or a list, depending on the field. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldValue(String fieldId, String label, JsonNode value) {
    }

    /**
     * The status (CustomerRequestStatusDTO); {@code statusCategory} is one of {@code NEW}, {@code INDETERMINATE},
     * {@code DONE}, {@code UNDEFINED}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(String status, String statusCategory, JiraDate statusDate) {
    }

    /** CustomerRequestLinkDTO. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Links(String web, String agent, String jiraRest, String self) {
    }
}
