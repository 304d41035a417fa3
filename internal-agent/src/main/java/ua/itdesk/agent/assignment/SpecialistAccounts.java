package ua.itdesk.agent.assignment;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.agent.presence.OnlineSpecialist;

/**
 * The Jira account of an online specialist, found by their directory e-mail with {@link JiraClient#userByEmail} and
 * kept for {@code agent.assignment.people-cache-ttl}; "no account" is kept as well, so a specialist without one
 * costs one user search per period, not one per request. Jira failures are not kept and reach the caller.
 */
@ApplicationScoped
class SpecialistAccounts {

    private static final int MAX_KEPT = 10_000;

    private final JiraClient jira;
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    SpecialistAccounts(JiraClient jira, AgentConfig config) {
        this.jira = jira;
        this.ttl = config.assignment().peopleCacheTtl();
    }

    /** Their account reference (user name on Data Center, accountId on Cloud); empty when they have none. */
    Optional<String> account(OnlineSpecialist specialist) {
        String mail = specialist.mail() == null ? "" : specialist.mail().strip();
        if (mail.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Known hit = known.get(mail);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.account();
        }
        Optional<String> found;
        try {
            found = jira.userByEmail(mail).map(JiraUser::reference);
        } catch (IllegalArgumentException e) {
            found = Optional.empty(); // not an address Jira could hold
        }
        if (known.size() >= MAX_KEPT) {
            known.clear();
        }
        known.put(mail, new Known(found, now.plus(ttl)));
        return found;
    }

    private record Known(Optional<String> account, Instant until) {
    }
}
