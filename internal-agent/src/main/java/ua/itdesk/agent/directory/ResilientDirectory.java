package ua.itdesk.agent.directory;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import ua.itdesk.contracts.v1.Role;

/**
 * The {@link Directory} the rest of the agent sees: LDAP behind a time limit, one quick retry for a dropped
 * connection, and a circuit breaker per operation, so that a dead directory costs callers one fast failure
 * instead of a pile of hanging logins. Values can be tuned with MicroProfile Fault Tolerance keys such as
 * {@code ua.itdesk.agent.directory.ResilientDirectory/findByPhone/Timeout/value}.
 */
@ApplicationScoped
class ResilientDirectory implements Directory {

    private final LdapDirectory ldap;

    ResilientDirectory(LdapDirectory ldap) {
        this.ldap = ldap;
    }

    @Override
    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = DirectoryUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    public Optional<DirectoryPerson> findByPhone(String e164) {
        return ldap.findByPhone(e164);
    }

    @Override
    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = DirectoryUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    public Optional<DirectoryPerson> findByEmployeeId(String employeeId) {
        return ldap.findByEmployeeId(employeeId);
    }

    @Override
    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = DirectoryUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    public Optional<DirectoryPerson> findByMail(String mail) {
        return ldap.findByMail(mail);
    }

    @Override
    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = DirectoryUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    public Role roleOf(DirectoryPerson person) {
        return ldap.roleOf(person);
    }
}
