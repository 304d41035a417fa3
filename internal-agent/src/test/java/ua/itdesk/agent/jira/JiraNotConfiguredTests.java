package ua.itdesk.agent.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.testing.AgentSandboxResource;

/** Until {@code agent.jira.url} is set the agent starts and runs; Jira calls say "not configured". */
@QuarkusTest
@WithTestResource(AgentSandboxResource.class)
class JiraNotConfiguredTests {

    @Inject
    JiraClient jira;

    @Inject
    MeterRegistry metrics;

    @Test
    void everyCallFailsAsNotConfiguredAndIsCounted() {
        assertThat(jira.isConfigured()).isFalse();

        assertThatThrownBy(() -> jira.request("HELP-1"))
                .isInstanceOf(JiraNotConfiguredException.class)
                .isInstanceOf(JiraUnavailableException.class)
                .hasMessageContaining("agent.jira.url");
        assertThat(metrics.find("jira.calls").tag("operation", "get-request").tag("outcome", "not-configured")
                .timer()).isNotNull();
    }
}
