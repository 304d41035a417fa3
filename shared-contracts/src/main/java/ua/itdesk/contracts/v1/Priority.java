package ua.itdesk.contracts.v1;

/**
 * How urgent a request is, as the employee chooses it (T1). The agent maps each to a Jira priority name
 * ({@code agent.jira.priorities.*}); a Jira priority it has no mapping for is reported as {@code null}.
 */
public enum Priority {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
