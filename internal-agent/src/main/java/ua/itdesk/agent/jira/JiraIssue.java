package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * An issue found by JQL (IssueBean), with the fields the agent asks for by default ({@link JiraClient#ISSUE_FIELDS});
 * a field that was not asked for is null. Dates are Jira's {@code 2024-03-01T10:15:30.000+0200}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JiraIssue(String id, String key, Fields fields) {

    private static final String JIRA_TIME = "yyyy-MM-dd'T'HH:mm:ss.SSSZ";

    /**
     * The fields the agent reads: list views, assignment load and reconciliation; statistics also read the creator,
     * the comments and custom fields (by id, in {@code custom}: their ids differ from site to site).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fields(String summary, Status status, Priority priority, JiraUser assignee, JiraUser reporter,
            @JsonFormat(pattern = JIRA_TIME) OffsetDateTime created,
            @JsonFormat(pattern = JIRA_TIME) OffsetDateTime updated,
            @JsonFormat(pattern = JIRA_TIME) OffsetDateTime resolutiondate,
            JiraUser creator, Comments comment, @JsonAnySetter Map<String, JsonNode> custom) {

        public Fields(String summary, Status status, Priority priority, JiraUser assignee, JiraUser reporter,
                OffsetDateTime created, OffsetDateTime updated, OffsetDateTime resolutiondate) {
            this(summary, status, priority, assignee, reporter, created, updated, resolutiondate, null, null, null);
        }

        public Fields {
            custom = custom == null ? Map.of() : custom;
        }
    }

    /** The {@code comment} field: the issue's comments, oldest first (Jira may cut long lists). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Comments(List<CommentBean> comments, Integer total) {

        public Comments {
            comments = comments == null ? List.of() : List.copyOf(comments);
        }
    }

    /** One comment of the {@code comment} field: who wrote it and when (the body is not read). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CommentBean(String id, JiraUser author, @JsonFormat(pattern = JIRA_TIME) OffsetDateTime created) {
    }

    /** Status name, and its category ({@code new}, {@code indeterminate}, {@code done}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(String id, String name, StatusCategory statusCategory) {

        /** Whether it is in the category done: resolved or closed, whatever the workflow calls it. */
        public boolean done() {
            return statusCategory != null && "done".equals(statusCategory.key());
        }
    }

    /** StatusCategory: {@code key} is stable across languages, {@code name} is not. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatusCategory(Integer id, String key, String name) {
    }

    /** Priority, by id and name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Priority(String id, String name) {
    }
}
