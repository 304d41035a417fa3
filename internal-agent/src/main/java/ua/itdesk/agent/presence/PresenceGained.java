package ua.itdesk.agent.presence;

import java.util.Set;

/**
 * CDI event: the set of online specialists now holds someone it did not hold a moment ago (or it was unknown or
 * expired before). Fired synchronously after the new set is in place; observers should only hand work off.
 *
 * @param employeeIds who came online
 */
public record PresenceGained(Set<String> employeeIds) {

    public PresenceGained {
        employeeIds = Set.copyOf(employeeIds);
    }
}
