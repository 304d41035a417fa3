package ua.itdesk.agent.presence;

/**
 * A specialist or supervisor the bot reports online, as the directory knows them.
 *
 * @param employeeId the directory's employee id, as in the bot's presence set and the session token's subject
 * @param mail the corporate e-mail address that finds their Jira account; null when the directory has none
 */
public record OnlineSpecialist(String employeeId, String mail) {
}
