package ua.itdesk.agent.hr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import ua.itdesk.agent.config.AgentConfig;

/**
 * Employment status from the HR system over HTTPS. Only {@code ACTIVE} counts as employed; unknown to HR
 * (404) means not employed. Anything else (unreachable, 5xx, a rejected API key) is
 * {@link HrUnavailableException}: the caller must not mistake an HR outage for a dismissal, nor the reverse.
 */
@ApplicationScoped
public class HrClient {

    /** What an employee id may look like before it is put into a URL path. */
    private static final Pattern EMPLOYEE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final HrApi api;
    private final String authorization;

    HrClient(@RestClient HrApi api, AgentConfig config) {
        this.api = api;
        this.authorization = "Bearer " + config.hr().apiKey();
    }

    @Timeout(value = 6, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = HrUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    public boolean isActive(String employeeId) {
        if (!EMPLOYEE_ID.matcher(employeeId).matches()) {
            return false;
        }
        try {
            HrEmployee employee = api.employee(employeeId, authorization);
            return employee != null && employeeId.equals(employee.employeeId())
                    && "ACTIVE".equals(employee.status());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                return false;
            }
            throw new HrUnavailableException("HR answered " + status, e);
        } catch (ProcessingException e) {
            throw new HrUnavailableException("HR unreachable: " + e.getMessage(), e);
        }
    }
}
