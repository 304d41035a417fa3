package ua.itdesk.agent.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.directory.Directory;
import ua.itdesk.agent.directory.DirectoryPerson;
import ua.itdesk.contracts.v1.Role;

/**
 * Which employee ids belong to specialists or supervisors: an enabled directory entry whose groups give a role that
 * handles requests. Answers, "no" included, are kept for {@code agent.assignment.people-cache-ttl}, because the bot
 * re-sends the same set every few minutes. A directory failure is not kept and reaches the caller.
 */
@ApplicationScoped
class SpecialistDirectory {

    /** Most answers kept; twice the largest presence set, so one set never evicts itself. */
    private static final int MAX_KEPT = 20_000;

    private final Function<String, Optional<OnlineSpecialist>> lookup;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    @Inject
    SpecialistDirectory(Directory directory, AgentConfig config) {
        this(id -> lookUp(directory, id), config.assignment().peopleCacheTtl(), Clock.systemUTC());
    }

    SpecialistDirectory(Function<String, Optional<OnlineSpecialist>> lookup, Duration ttl, Clock clock) {
        this.lookup = lookup;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The specialist with this employee id; empty when the id is nobody's, an employee's, or a disabled account's. */
    Optional<OnlineSpecialist> specialist(String employeeId) {
        Instant now = clock.instant();
        Known hit = known.get(employeeId);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.specialist();
        }
        Optional<OnlineSpecialist> found = lookup.apply(employeeId);
        if (known.size() >= MAX_KEPT) {
            known.values().removeIf(k -> !now.isBefore(k.until()));
            if (known.size() >= MAX_KEPT) {
                known.clear();
            }
        }
        known.put(employeeId, new Known(found, now.plus(ttl)));
        return found;
    }

    private static Optional<OnlineSpecialist> lookUp(Directory directory, String employeeId) {
        Optional<DirectoryPerson> person = directory.findByEmployeeId(employeeId).filter(p -> !p.disabled());
        if (person.isEmpty()) {
            return Optional.empty();
        }
        Role role = directory.roleOf(person.get());
        return role.handlesRequests()
                ? Optional.of(new OnlineSpecialist(person.get().employeeId(), person.get().mail()))
                : Optional.empty();
    }

    private record Known(Optional<OnlineSpecialist> specialist, Instant until) {
    }
}
