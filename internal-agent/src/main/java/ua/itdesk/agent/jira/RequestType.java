package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A request type of a service desk: the categories an employee chooses from (RequestTypeDTO). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestType(String id, String name, String description, String helpText, String issueTypeId,
        String serviceDeskId, List<String> groupIds) {

    public RequestType {
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    }
}
