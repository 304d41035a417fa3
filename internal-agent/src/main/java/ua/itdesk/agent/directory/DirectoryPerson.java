package ua.itdesk.agent.directory;

/**
 * A person entry as read from the directory.
 *
 * @param dn         the entry's distinguished name, used to resolve group memberships
 * @param employeeId the stable employee id (AD {@code employeeID})
 * @param fullName   {@code displayName}, or {@code cn} when that is empty
 * @param position   {@code title}, may be null
 * @param department {@code department}, may be null
 * @param disabled   whether the account is disabled ({@code userAccountControl} bit 0x2)
 * @param mail       {@code mail}, the corporate e-mail address that finds the person's Jira account; may be null
 */
public record DirectoryPerson(String dn, String employeeId, String fullName, String position, String department,
        boolean disabled, String mail) {
}
