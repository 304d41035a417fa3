package ua.itdesk.agent.jira;

/**
 * A customer request to create on behalf of an employee (T1). The values are cleaned on construction (S4):
 * control characters removed, the summary made one line of at most 255 characters (Jira's limit), the description
 * cut at 32,000.
 *
 * @param requestTypeId the request type (digits), one of {@link JiraClient#requestTypes}
 * @param summary what the employee needs, in one line
 * @param description details, may be null
 * @param priority a priority name the request type accepts ({@code High}...), or null to leave Jira's default
 * @param onBehalfOf the employee's {@link JiraUser#reference()}: the request's reporter
 */
public record NewRequest(String requestTypeId, String summary, String description, String priority,
        String onBehalfOf) {

    static final int MAX_SUMMARY = 255;
    static final int MAX_TEXT = 32_000;
    private static final int MAX_PRIORITY = 60;

    public NewRequest {
        requestTypeId = JiraText.numericId(requestTypeId, "request type id");
        summary = JiraText.singleLine(summary, MAX_SUMMARY, "summary");
        description = JiraText.multiLine(description, MAX_TEXT);
        priority = priority == null ? null : JiraText.singleLine(priority, MAX_PRIORITY, "priority");
        onBehalfOf = JiraText.account(onBehalfOf);
    }
}
