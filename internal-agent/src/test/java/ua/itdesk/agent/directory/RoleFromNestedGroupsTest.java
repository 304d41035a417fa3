package ua.itdesk.agent.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ua.itdesk.contracts.v1.Role;

class RoleFromNestedGroupsTest {

    private static final String SPECIALISTS = "CN=IT-Specialists,OU=Groups,DC=corp";
    private static final String SUPERVISORS = "CN=IT-Supervisors,OU=Groups,DC=corp";
    private static final String L1 = "CN=IT-Support-L1,OU=Groups,DC=corp";
    private static final String STAFF = "CN=All-Staff,OU=Groups,DC=corp";
    private static final String ALICE = "CN=Alice,OU=People,DC=corp";

    private final Map<DN, Set<DN>> parents = new HashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final RoleMapping mapping = new RoleMapping(SPECIALISTS, SUPERVISORS);

    @Test
    void aMemberOfAGroupNestedInTheSpecialistGroupIsASpecialist() {
        memberOf(ALICE, L1, STAFF);
        memberOf(L1, SPECIALISTS);

        assertThat(roleOf(ALICE, 8)).isEqualTo(Role.SPECIALIST);
    }

    @Test
    void supervisorWinsOverSpecialist() {
        memberOf(ALICE, L1, SUPERVISORS);
        memberOf(L1, SPECIALISTS);

        assertThat(roleOf(ALICE, 8)).isEqualTo(Role.SUPERVISOR);
    }

    @Test
    void someoneInNoMappedGroupIsAnEmployee() {
        memberOf(ALICE, STAFF);

        assertThat(roleOf(ALICE, 8)).isEqualTo(Role.EMPLOYEE);
    }

    @Test
    void groupDnsCompareRegardlessOfCaseAndSpacing() {
        memberOf(ALICE, "cn=it-specialists, ou=groups, dc=CORP");

        assertThat(roleOf(ALICE, 8)).isEqualTo(Role.SPECIALIST);
    }

    @Test
    void aCycleOfGroupsEndsTheWalkInsteadOfLoopingForever() {
        memberOf(ALICE, "CN=A,DC=corp");
        memberOf("CN=A,DC=corp", "CN=B,DC=corp");
        memberOf("CN=B,DC=corp", "CN=A,DC=corp", SPECIALISTS);

        assertThat(roleOf(ALICE, 50)).isEqualTo(Role.SPECIALIST);
        assertThat(queries.get()).isLessThanOrEqualTo(4);
    }

    @Test
    void nestingDeeperThanTheLimitIsNotFollowed() {
        memberOf(ALICE, "CN=G1,DC=corp");
        memberOf("CN=G1,DC=corp", "CN=G2,DC=corp");
        memberOf("CN=G2,DC=corp", "CN=G3,DC=corp");
        memberOf("CN=G3,DC=corp", SPECIALISTS);

        assertThat(roleOf(ALICE, 3)).isEqualTo(Role.EMPLOYEE);
        assertThat(roleOf(ALICE, 4)).isEqualTo(Role.SPECIALIST);
    }

    @Test
    void theWalkStopsAtTheGroupLimit() {
        Set<String> many = new LinkedHashSet<>();
        for (int i = 0; i < 100; i++) {
            many.add("CN=G" + i + ",DC=corp");
        }
        memberOf(ALICE, many.toArray(String[]::new));

        GroupResolver.Groups groups = new GroupResolver(8, 10).groupsOf(dn(ALICE), this::parentsOf);

        assertThat(groups.truncated()).isTrue();
        assertThat(groups.dns()).hasSize(10);
    }

    @Test
    void aListOfGroupDnsIsSeparatedBySemicolonsBecauseDnsHoldCommas() {
        assertThat(RoleMapping.splitDnList(" CN=A,DC=x ; CN=B\\;C,DC=x;")).containsExactly("CN=A,DC=x",
                "CN=B\\;C,DC=x");
    }

    @Test
    void aMalformedGroupDnInTheConfigurationIsRejectedAtStartUp() {
        assertThatThrownBy(() -> new RoleMapping("not a dn", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent.roles");
    }

    private Role roleOf(String member, int maxDepth) {
        return mapping.roleFor(new GroupResolver(maxDepth, 500).groupsOf(dn(member), this::parentsOf).dns());
    }

    private Set<DN> parentsOf(Set<DN> members) {
        queries.incrementAndGet();
        Set<DN> result = new HashSet<>();
        for (DN m : members) {
            result.addAll(parents.getOrDefault(m, Set.of()));
        }
        return result;
    }

    private void memberOf(String member, String... groups) {
        Set<DN> set = parents.computeIfAbsent(dn(member), k -> new HashSet<>());
        for (String g : groups) {
            set.add(dn(g));
        }
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
