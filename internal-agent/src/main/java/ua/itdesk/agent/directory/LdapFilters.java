package ua.itdesk.agent.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Every filter the agent sends, built with UnboundID's filter factories so that values are always escaped
 * (RFC 4515): no filter is ever concatenated from text that came from a request or from the directory.
 */
final class LdapFilters {

    private final Filter users;
    private final Filter groups;
    private final List<String> phoneAttributes;
    private final String employeeIdAttribute;

    LdapFilters(String userFilter, String groupFilter, List<String> phoneAttributes, String employeeIdAttribute) {
        this.users = parseTrusted("user filter", userFilter);
        this.groups = parseTrusted("group filter", groupFilter);
        if (phoneAttributes.isEmpty()) {
            throw new IllegalArgumentException("at least one phone attribute is needed");
        }
        this.phoneAttributes = List.copyOf(phoneAttributes);
        this.employeeIdAttribute = employeeIdAttribute;
    }

    /** Users that have any phone attribute: the population of the normalized index. */
    Filter usersWithPhones() {
        List<Filter> present = new ArrayList<>();
        for (String attribute : phoneAttributes) {
            present.add(Filter.createPresenceFilter(attribute));
        }
        return Filter.createANDFilter(users, Filter.createORFilter(present));
    }

    /** Users whose phone attribute equals one of the spellings exactly: the fallback when the index misses. */
    Filter usersWithPhoneSpelledAs(Collection<String> spellings) {
        List<Filter> alternatives = new ArrayList<>();
        for (String attribute : phoneAttributes) {
            for (String spelling : spellings) {
                alternatives.add(Filter.createEqualityFilter(attribute, spelling));
            }
        }
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("no spellings to search for");
        }
        return Filter.createANDFilter(users, Filter.createORFilter(alternatives));
    }

    /** The user with this employee id. */
    Filter userWithEmployeeId(String employeeId) {
        return Filter.createANDFilter(users, Filter.createEqualityFilter(employeeIdAttribute, employeeId));
    }

    /** The user with this e-mail address ({@code mail}). */
    Filter userWithMail(String mail) {
        return Filter.createANDFilter(users, Filter.createEqualityFilter("mail", mail));
    }

    /** Groups that list any of these DNs as a direct member. */
    Filter groupsWithMemberIn(Collection<String> memberDns) {
        List<Filter> members = new ArrayList<>();
        for (String dn : memberDns) {
            members.add(Filter.createEqualityFilter("member", dn));
        }
        return Filter.createANDFilter(groups, Filter.createORFilter(members));
    }

    List<String> phoneAttributes() {
        return phoneAttributes;
    }

    private static Filter parseTrusted(String what, String filter) {
        try {
            return Filter.create(filter);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("invalid " + what + " in configuration: " + filter, e);
        }
    }
}
