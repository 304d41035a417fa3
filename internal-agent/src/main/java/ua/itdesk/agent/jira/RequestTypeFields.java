package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Optional;

/**
 * What a request of one type needs (CustomerRequestCreateMetaDTO): its fields, which of them are required, the
 * values a choice field accepts, and whether the agent may raise it on behalf of someone else.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestTypeFields(boolean canRaiseOnBehalfOf, boolean canAddRequestParticipants,
        List<Field> requestTypeFields) {

    public RequestTypeFields {
        requestTypeFields = requestTypeFields == null ? List.of() : List.copyOf(requestTypeFields);
    }

    /** The field with this id ({@code summary}, {@code priority}, {@code customfield_10010}...), if the type has it. */
    public Optional<Field> field(String fieldId) {
        return requestTypeFields.stream().filter(f -> fieldId.equals(f.fieldId())).findFirst();
    }

    /** One field of the request form (RequestTypeFieldDTO). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Field(String fieldId, String name, String description, boolean required, Boolean visible,
            List<Option> validValues, Schema jiraSchema) {

        public Field {
            validValues = validValues == null ? List.of() : List.copyOf(validValues);
        }
    }

    /** A value a choice field accepts (RequestTypeFieldValueDTO); priorities, for instance, by name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Option(String value, String label, List<Option> children) {

        public Option {
            children = children == null ? List.of() : List.copyOf(children);
        }
    }

    /** Jira's type of the field (JsonTypeBean). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Schema(String type, String system, String custom, String items) {
    }
}
