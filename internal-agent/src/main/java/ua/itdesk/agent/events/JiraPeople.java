package ua.itdesk.agent.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import ua.itdesk.agent.directory.Directory;
import ua.itdesk.agent.directory.DirectoryPerson;
import ua.itdesk.agent.jira.JiraUser;

/**
 * Names Jira users by employee id, the only name the bot knows people by: Jira user, its e-mail address, the one
 * directory entry with that {@code mail}, its employee id. Answers (also "nobody") are remembered for
 * {@value #TTL_MINUTES} minutes, at most {@value #MAX_ENTRIES} of them, so a burst of events costs one directory
 * search per person. A user whose address Jira withholds (Cloud's privacy setting) maps to nobody.
 */
@ApplicationScoped
public class JiraPeople {

    static final int MAX_ENTRIES = 5_000;
    static final int TTL_MINUTES = 10;

    private final Directory directory;
    private final Clock clock;
    private final Duration ttl = Duration.ofMinutes(TTL_MINUTES);
    private final Map<String, Known> byMail = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    @Inject
    JiraPeople(Directory directory) {
        this(directory, Clock.systemUTC());
    }

    JiraPeople(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * The employee id of a Jira user, or null when there is no user, no address, or not exactly one directory entry
     * with it. Throws the directory's unavailability: a caller that cannot wait should retry rather than publish an
     * event that names nobody.
     */
    String employeeId(JiraUser user) {
        return person(user).map(DirectoryPerson::employeeId).orElse(null);
    }

    /**
     * The directory entry of a Jira user; empty when there is no user, no address, or not exactly one entry with it.
     * Throws the directory's unavailability.
     */
    public Optional<DirectoryPerson> person(JiraUser user) {
        if (user == null || user.emailAddress() == null || user.emailAddress().isBlank()) {
            return Optional.empty();
        }
        String mail = user.emailAddress().strip().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        synchronized (byMail) {
            Known known = byMail.get(mail);
            if (known != null && known.until().isAfter(now)) {
                return known.person();
            }
        }
        Optional<DirectoryPerson> person = directory.findByMail(mail);
        synchronized (byMail) {
            byMail.put(mail, new Known(person, now.plus(ttl)));
        }
        return person;
    }

    private record Known(Optional<DirectoryPerson> person, Instant until) {
    }
}
