package ua.itdesk.agent.events;

import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.config.AgentConfig.Jira.EventSource;
import ua.itdesk.agent.config.AgentConfig.Jira.Flavour;

/** Which way Jira's changes come in: {@code agent.jira.events}, else by where Jira runs. */
final class EventSources {

    private EventSources() {
    }

    /**
     * {@code agent.jira.events} when set; otherwise webhooks from Data Center (it runs beside the agent and can
     * reach it) and polling of Cloud (it cannot reach an internal agent). Nothing while Jira is not configured.
     */
    static EventSource of(AgentConfig.Jira jira) {
        if (jira.url().isEmpty()) {
            return EventSource.NONE;
        }
        return jira.events().orElse(jira.flavour() == Flavour.CLOUD ? EventSource.POLLING : EventSource.WEBHOOK);
    }
}
