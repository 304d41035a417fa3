package ua.itdesk.agent.requests;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.contracts.v1.Priority;

/** The bot's four priorities and the Jira priority names they map to ({@code agent.jira.priorities.*}). */
@ApplicationScoped
public class Priorities {

    private final Map<Priority, String> names = new EnumMap<>(Priority.class);

    Priorities(AgentConfig config) {
        AgentConfig.Jira.Priorities p = config.jira().priorities();
        names.put(Priority.CRITICAL, p.critical());
        names.put(Priority.HIGH, p.high());
        names.put(Priority.MEDIUM, p.medium());
        names.put(Priority.LOW, p.low());
    }

    /** The Jira name of a priority. */
    String jiraName(Priority priority) {
        return names.get(priority);
    }

    /** The priority a Jira name maps to, or null when none does (a priority set in Jira by hand). */
    public Priority fromJira(String jiraName) {
        if (jiraName == null) {
            return null;
        }
        String wanted = jiraName.toLowerCase(Locale.ROOT);
        return names.entrySet().stream().filter(e -> e.getValue().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
