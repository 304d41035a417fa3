package ua.itdesk.contracts.v1;

/**
 * A verified employee as the agent found them in AD and HR (A4).
 *
 * @param employeeId  the stable employee id from AD ({@code employeeID}), also the JWT subject
 * @param fullName    display name
 * @param position    job title
 * @param department  department
 * @param role        role mapped from AD groups
 * @param jiraAccount Jira account reference (accountId on Cloud, user name on Data Center); {@code null} while
 *                    the agent has no Jira client or found no account
 */
public record EmployeeProfile(String employeeId, String fullName, String position, String department, Role role,
                              String jiraAccount) {
}
