package ua.itdesk.agent.requests;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.directory.Directory;
import ua.itdesk.agent.directory.DirectoryPerson;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * The caller's Jira account: from the token when login found it, otherwise looked up now (directory e-mail, then
 * {@link JiraClient#userByEmail}) and remembered for a while, so that a Jira outage at login costs one look-up later.
 */
@ApplicationScoped
class CallerAccounts {

    private static final Logger LOG = Logger.getLogger(CallerAccounts.class);
    private static final Duration REMEMBER = Duration.ofMinutes(10);
    private static final int MAX_REMEMBERED = 10_000;

    private final Directory directory;
    private final JiraClient jira;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Known> found = new ConcurrentHashMap<>();

    CallerAccounts(Directory directory, JiraClient jira) {
        this.directory = directory;
        this.jira = jira;
    }

    /** The caller's Jira account reference; 403 when they have none, 503 when it cannot be looked up now. */
    String of(Caller caller) {
        if (caller.jiraAccount() != null) {
            return caller.jiraAccount();
        }
        Instant now = clock.instant();
        Known known = found.get(caller.employeeId());
        if (known != null && known.until().isAfter(now)) {
            return known.account();
        }
        String mail = directory.findByEmployeeId(caller.employeeId()).map(DirectoryPerson::mail)
                .filter(m -> !m.isBlank()).orElse(null);
        String account = mail == null ? null
                : JiraCalls.call(() -> jira.userByEmail(mail.strip())).map(JiraUser::reference).orElse(null);
        if (account == null) {
            LOG.infof("employee %s has no Jira account", caller.employeeId());
            throw new ApiException(ProblemType.FORBIDDEN, "NO_JIRA_ACCOUNT",
                    "No service desk account is linked to this person.");
        }
        if (found.size() >= MAX_REMEMBERED) {
            found.entrySet().removeIf(e -> !e.getValue().until().isAfter(now));
            if (found.size() >= MAX_REMEMBERED) {
                found.clear();
            }
        }
        found.put(caller.employeeId(), new Known(account, now.plus(REMEMBER)));
        return account;
    }

    private record Known(String account, Instant until) {
    }
}
