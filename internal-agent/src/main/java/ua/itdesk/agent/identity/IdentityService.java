package ua.itdesk.agent.identity;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.audit.AuditLog;
import ua.itdesk.agent.audit.AuditLog.Outcome;
import ua.itdesk.agent.directory.Directory;
import ua.itdesk.agent.directory.DirectoryPerson;
import ua.itdesk.agent.directory.DirectoryUnavailableException;
import ua.itdesk.agent.hr.HrClient;
import ua.itdesk.agent.hr.HrUnavailableException;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraException;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.agent.security.SessionClaims;
import ua.itdesk.contracts.PhoneNumbers;
import ua.itdesk.contracts.v1.EmployeeProfile;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.contracts.v1.SessionToken;
import ua.itdesk.contracts.v1.VerifyRequest;

/**
 * Login by phone number and token refresh (A3, A4, A6): directory entry, enabled account, active in HR, role,
 * token. Every refusal looks the same to the caller; the audit log and the metrics say which check failed.
 */
@ApplicationScoped
class IdentityService {

    private static final Logger LOG = Logger.getLogger(IdentityService.class);

    /** The one answer to every refusal: which check failed is not the caller's business (A3). */
    private static final String DENIED = "This phone number cannot be used to sign in.";
    private static final String UNAVAILABLE = "A back-end system is unavailable; retry later.";
    private static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(10);

    private final Directory directory;
    private final HrClient hr;
    private final TokenIssuer tokens;
    private final VerificationThrottle throttle;
    private final PhoneNumbers numbers;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final JiraClient jira;

    IdentityService(Directory directory, HrClient hr, TokenIssuer tokens, VerificationThrottle throttle,
            PhoneNumbers numbers, AuditLog audit, MeterRegistry metrics, JiraClient jira) {
        this.jira = jira;
        this.directory = directory;
        this.hr = hr;
        this.tokens = tokens;
        this.throttle = throttle;
        this.numbers = numbers;
        this.audit = audit;
        this.metrics = metrics;
    }

    SessionToken verify(VerifyRequest request) {
        long telegramUser = request.telegramUserId();
        String e164 = numbers.toE164(request.phoneNumber()).filter(request.phoneNumber()::equals).orElse(null);
        if (e164 == null) {
            record(Outcome.INVALID, "NOT_E164", telegramUser, request.phoneNumber(), null);
            throw new ApiException(ProblemType.INVALID_REQUEST, "NOT_E164",
                    "phoneNumber is not a valid E.164 number.");
        }
        Optional<Duration> blocked = throttle.blockedFor(telegramUser, e164);
        if (blocked.isPresent()) {
            record(Outcome.THROTTLED, "TOO_MANY_FAILURES", telegramUser, e164, null);
            throw new ApiException(ProblemType.THROTTLED, "TOO_MANY_FAILURES",
                    "Too many failed attempts; retry later.", blocked.get(), null);
        }
        String employeeId = null;
        try {
            Optional<DirectoryPerson> found = fromDirectory(() -> directory.findByPhone(e164));
            if (found.isEmpty()) {
                throw refuse("NOT_IN_DIRECTORY", telegramUser, e164, null);
            }
            DirectoryPerson person = found.get();
            employeeId = person.employeeId();
            if (person.disabled()) {
                throw refuse("ACCOUNT_DISABLED", telegramUser, e164, employeeId);
            }
            if (!activeInHr(employeeId)) {
                throw refuse("NOT_ACTIVE_IN_HR", telegramUser, e164, employeeId);
            }
            Role role = fromDirectory(() -> directory.roleOf(person));
            SessionToken token = tokens.issue(profile(person, role, jiraAccount(person)), telegramUser);
            throttle.succeeded(telegramUser, e164);
            record(Outcome.SUCCESS, role.name(), telegramUser, e164, employeeId);
            return token;
        } catch (ApiException e) {
            if (e.kind() == ProblemType.DEPENDENCY_UNAVAILABLE) {
                record(Outcome.UNAVAILABLE, e.reason(), telegramUser, e164, employeeId);
            }
            throw e;
        }
    }

    SessionToken refresh(JsonWebToken token) {
        String employeeId = token.getSubject();
        Long telegramUser = SessionClaims.telegramUserId(token);
        try {
            Optional<DirectoryPerson> found = fromDirectory(() -> directory.findByEmployeeId(employeeId));
            if (found.isEmpty()) {
                throw refuseRefresh("NOT_IN_DIRECTORY", employeeId, telegramUser);
            }
            DirectoryPerson person = found.get();
            if (person.disabled()) {
                throw refuseRefresh("ACCOUNT_DISABLED", employeeId, telegramUser);
            }
            if (!activeInHr(employeeId)) {
                throw refuseRefresh("NOT_ACTIVE_IN_HR", employeeId, telegramUser);
            }
            Role role = fromDirectory(() -> directory.roleOf(person));
            SessionToken fresh = tokens.issue(profile(person, role, jiraAccount(person)), telegramUser);
            audit.refresh(Outcome.SUCCESS, role.name(), employeeId, telegramUser);
            metrics.counter("agent.refreshes", "outcome", "success").increment();
            return fresh;
        } catch (ApiException e) {
            if (e.kind() == ProblemType.DEPENDENCY_UNAVAILABLE) {
                audit.refresh(Outcome.UNAVAILABLE, e.reason(), employeeId, telegramUser);
                metrics.counter("agent.refreshes", "outcome", "unavailable").increment();
            }
            throw e;
        }
    }

    private ApiException refuse(String reason, long telegramUser, String e164, String employeeId) {
        throttle.failed(telegramUser, e164);
        record(Outcome.DENIED, reason, telegramUser, e164, employeeId);
        return new ApiException(ProblemType.ACCESS_DENIED, reason, DENIED);
    }

    private ApiException refuseRefresh(String reason, String employeeId, Long telegramUser) {
        audit.refresh(Outcome.DENIED, reason, employeeId, telegramUser);
        metrics.counter("agent.refreshes", "outcome", "denied").increment();
        return new ApiException(ProblemType.ACCESS_DENIED, reason, DENIED);
    }

    private void record(Outcome outcome, String reason, long telegramUser, String phone, String employeeId) {
        audit.verification(outcome, reason, telegramUser, phone, employeeId);
        metrics.counter("agent.verifications", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .increment();
    }

    private <T> T fromDirectory(Supplier<T> call) {
        try {
            return call.get();
        } catch (DirectoryUnavailableException | FaultToleranceException e) {
            LOG.warnf("directory unavailable: %s", e.toString());
            throw new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, "DIRECTORY_UNAVAILABLE", UNAVAILABLE,
                    UNAVAILABLE_RETRY_AFTER, e);
        }
    }

    private boolean activeInHr(String employeeId) {
        try {
            return hr.isActive(employeeId);
        } catch (HrUnavailableException | FaultToleranceException e) {
            LOG.warnf("HR unavailable: %s", e.toString());
            throw new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, "HR_UNAVAILABLE", UNAVAILABLE,
                    UNAVAILABLE_RETRY_AFTER, e);
        }
    }

    /**
     * The person's Jira account by their directory e-mail (A4), or null: Jira not configured, no single account with
     * that address, or Jira unreachable. Jira never blocks a login; the request API looks the account up again when
     * the token has none.
     */
    private String jiraAccount(DirectoryPerson person) {
        if (!jira.isConfigured() || person.mail() == null || person.mail().isBlank()) {
            return null;
        }
        try {
            return jira.userByEmail(person.mail().strip()).map(JiraUser::reference).orElseGet(() -> {
                LOG.infof("no Jira account found for employee %s", person.employeeId());
                return null;
            });
        } catch (JiraException | FaultToleranceException | IllegalArgumentException e) {
            LOG.warnf("Jira account of employee %s not looked up at login: %s", person.employeeId(), e.toString());
            return null;
        }
    }

    private static EmployeeProfile profile(DirectoryPerson person, Role role, String jiraAccount) {
        return new EmployeeProfile(person.employeeId(), person.fullName(), person.position(), person.department(),
                role, jiraAccount);
    }
}
