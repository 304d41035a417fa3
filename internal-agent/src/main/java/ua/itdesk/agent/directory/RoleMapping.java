package ua.itdesk.agent.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import ua.itdesk.contracts.v1.Role;

/**
 * Configured group DNs to roles: supervisor wins over specialist, everyone else is an employee. DNs compare in
 * normalized form, so {@code cn=it-specialists, ou=Groups,...} in the configuration matches the directory's
 * {@code CN=IT-Specialists,OU=Groups,...}.
 */
final class RoleMapping {

    private final Set<DN> supervisorGroups;
    private final Set<DN> specialistGroups;

    /** Both arguments are {@code ;}-separated DN lists (DNs contain commas); an escaped {@code \;} stays in the DN. */
    RoleMapping(String specialistGroups, String supervisorGroups) {
        this.specialistGroups = parse(specialistGroups);
        this.supervisorGroups = parse(supervisorGroups);
    }

    Role roleFor(Set<DN> groups) {
        if (groups.stream().anyMatch(supervisorGroups::contains)) {
            return Role.SUPERVISOR;
        }
        if (groups.stream().anyMatch(specialistGroups::contains)) {
            return Role.SPECIALIST;
        }
        return Role.EMPLOYEE;
    }

    /** No group is mapped: everybody would be an employee, worth a warning at start-up. */
    boolean isEmpty() {
        return supervisorGroups.isEmpty() && specialistGroups.isEmpty();
    }

    static List<String> splitDnList(String list) {
        List<String> dns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\\' && i + 1 < list.length()) {
                current.append(c).append(list.charAt(++i));
            } else if (c == ';') {
                dns.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        dns.add(current.toString());
        return dns.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Set<DN> parse(String list) {
        if (list == null) {
            return Set.of();
        }
        return splitDnList(list).stream().map(RoleMapping::dn).collect(Collectors.toUnmodifiableSet());
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("invalid group DN in agent.roles: " + text, e);
        }
    }
}
