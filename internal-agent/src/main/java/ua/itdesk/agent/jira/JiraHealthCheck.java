package ua.itdesk.agent.jira;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of Jira ({@code jira}): the configured service desk must be readable with the agent's credentials, which
 * proves TLS, the token and the desk id. Without {@code agent.jira.url} it is UP with {@code configured=false}: the
 * agent was deployed without the request flows. Logins need no Jira, so an operator reads which check is DOWN
 * rather than taking the whole agent out for it.
 */
@Readiness
@ApplicationScoped
class JiraHealthCheck implements HealthCheck {

    private static final String NAME = "jira";

    private final JiraClient jira;

    JiraHealthCheck(JiraClient jira) {
        this.jira = jira;
    }

    @Override
    public HealthCheckResponse call() {
        if (!jira.isConfigured()) {
            return HealthCheckResponse.named(NAME).up().withData("configured", false).build();
        }
        try {
            jira.probe();
            return HealthCheckResponse.named(NAME).up().withData("flavour", jira.flavour().name()).build();
        } catch (JiraException e) {
            return HealthCheckResponse.named(NAME).down().withData("outcome", e.outcome()).build();
        } catch (RuntimeException e) {
            // a network failure or a timeout of the REST client: its class says which without echoing a message
            return HealthCheckResponse.named(NAME).down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
