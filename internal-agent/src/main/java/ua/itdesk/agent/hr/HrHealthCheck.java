package ua.itdesk.agent.hr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import ua.itdesk.agent.config.AgentConfig;

/**
 * Readiness of the HR system: a lookup of an id no employee has must come back as 404, which proves TLS, the API
 * key and the service itself. It bypasses {@link HrClient} so that probes never trip its circuit breaker.
 */
@Readiness
@ApplicationScoped
class HrHealthCheck implements HealthCheck {

    private static final String PROBE_ID = "readiness-probe";

    private final HrApi api;
    private final String authorization;

    HrHealthCheck(@RestClient HrApi api, AgentConfig config) {
        this.api = api;
        this.authorization = "Bearer " + config.hr().apiKey();
    }

    @Override
    public HealthCheckResponse call() {
        try {
            api.employee(PROBE_ID, authorization);
            return HealthCheckResponse.up("hr");
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return status == 404 ? HealthCheckResponse.up("hr")
                    : HealthCheckResponse.named("hr").down().withData("status", status).build();
        } catch (ProcessingException e) {
            return HealthCheckResponse.named("hr").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
