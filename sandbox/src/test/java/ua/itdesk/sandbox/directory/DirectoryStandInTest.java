package ua.itdesk.sandbox.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.pki.Pki;

class DirectoryStandInTest {

    @TempDir
    static Path dir;

    private static Pki pki;
    private static DirectoryStandIn directory;

    @BeforeAll
    static void start() {
        pki = Pki.generate(dir);
        directory = DirectoryStandIn.start(pki, 0);
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    private static LDAPConnection connect() throws LDAPException {
        SocketFactory tls = Pki.sslContext(null, null, pki.caCert()).getSocketFactory();
        return new LDAPConnection(tls, "localhost", directory.port());
    }

    private static LDAPConnection asService() throws LDAPException {
        LDAPConnection c = connect();
        c.bind(directory.bindDn(), directory.bindPassword());
        return c;
    }

    @Test
    void theServiceAccountBindsOverLdapsAndFindsAUserByEmployeeId() throws LDAPException {
        SeedPerson person = SeedPeople.anActiveEmployee();
        try (LDAPConnection c = asService()) {
            List<SearchResultEntry> found = c.search(directory.baseDn(), SearchScope.SUB,
                    Filter.createEqualityFilter("employeeID", person.employeeId()),
                    "displayName", "sAMAccountName", "mail", "title", "department", "mobile", "telephoneNumber",
                    "userAccountControl").getSearchEntries();

            assertThat(found).hasSize(1);
            SearchResultEntry e = found.get(0);
            assertThat(e.getAttributeValue("displayName")).isEqualTo(person.fullName());
            assertThat(e.getAttributeValue("sAMAccountName")).isEqualTo(person.login());
            assertThat(e.getAttributeValue(person.phoneAttribute())).isEqualTo(person.phoneAsStored());
            assertThat(e.getAttributeValue("userAccountControl")).isEqualTo("512");
        }
        assertThat(directory.ldapsUrl()).isEqualTo("ldaps://localhost:" + directory.port());
    }

    @Test
    void aDirectorySetUnavailableRefusesConnectionsAndServesAgainWhenBack() throws LDAPException {
        int port = directory.port();
        directory.setAvailable(false);
        try {
            SocketFactory tls = Pki.sslContext(null, null, pki.caCert()).getSocketFactory();
            assertThatThrownBy(() -> new LDAPConnection(tls, "localhost", port).close())
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.CONNECT_ERROR));
        } finally {
            directory.setAvailable(true);
        }
        try (LDAPConnection c = asService()) {
            assertThat(c.getRootDSE()).isNotNull();
        }
    }

    @Test
    void anAnonymousSearchIsRefused() throws LDAPException {
        try (LDAPConnection c = connect()) {
            assertThatThrownBy(() -> c.search(directory.baseDn(), SearchScope.SUB, "(objectClass=user)"))
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
        }
    }

    @Test
    void plainLdapIsNotSpokenOnTheDirectoryPort() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setResponseTimeoutMillis(3000);
        assertThatThrownBy(() -> {
            try (LDAPConnection plain = new LDAPConnection(options, "localhost", directory.port())) {
                plain.bind(directory.bindDn(), directory.bindPassword());
            }
        }).isInstanceOf(LDAPException.class);
    }

    @Test
    void aWrongServicePasswordIsRefusedWithAdsBadPasswordCode() throws LDAPException {
        try (LDAPConnection c = connect()) {
            assertThatThrownBy(() -> c.bind(directory.bindDn(), "not-the-password"))
                    .isInstanceOfSatisfying(LDAPException.class, e -> {
                        assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
                        assertThat(e.getDiagnosticMessage()).contains("data 52e");
                    });
        }
    }

    @Test
    void usersBindWithTheirPasswordByDnOrUserPrincipalName() throws LDAPException {
        SeedPerson person = SeedPeople.anActiveEmployee();
        try (LDAPConnection c = connect()) {
            c.bind(directory.userDn(person.employeeId()), SeedPeople.USER_PASSWORD);
            c.bind(person.mail(), SeedPeople.USER_PASSWORD);
            c.bind("CORP\\" + person.login(), SeedPeople.USER_PASSWORD);
            assertThat(c.search(directory.baseDn(), SearchScope.SUB, "(employeeID=" + person.employeeId() + ")")
                    .getEntryCount()).isEqualTo(1);
        }
    }

    @Test
    void theDisabledAccountCannotBindAndIsMarkedInUserAccountControl() throws LDAPException {
        SeedPerson disabled = SeedPeople.theDisabledOne();
        try (LDAPConnection c = connect()) {
            assertThatThrownBy(() -> c.bind(directory.userDn(disabled.employeeId()), SeedPeople.USER_PASSWORD))
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getDiagnosticMessage()).contains("data 533"));
        }
        try (LDAPConnection c = asService()) {
            assertThat(c.getEntry(directory.userDn(disabled.employeeId())).getAttributeValue("userAccountControl"))
                    .isEqualTo("514");
        }
    }

    @Test
    void specialistsReachItSpecialistsThroughNestedGroupsFoundByMemberSearches() throws LDAPException {
        SeedPerson specialist = SeedPeople.withRole("specialist").get(0);
        SeedPerson supervisor = SeedPeople.withRole("supervisor").get(0);
        try (LDAPConnection c = asService()) {
            assertThat(groupsOf(c, directory.userDn(specialist.employeeId())))
                    .contains(directory.specialistGroupDn().toLowerCase())
                    .doesNotContain(directory.supervisorGroupDn().toLowerCase());
            assertThat(groupsOf(c, directory.userDn(supervisor.employeeId())))
                    .contains(directory.supervisorGroupDn().toLowerCase())
                    .doesNotContain(directory.specialistGroupDn().toLowerCase());
            assertThat(groupsOf(c, directory.userDn(SeedPeople.anActiveEmployee().employeeId())))
                    .containsExactly(directory.allStaffGroupDn().toLowerCase());
        }
    }

    /** What the agent does: direct groups by (member=dn), then the groups of those groups. */
    private static Set<String> groupsOf(LDAPConnection c, String dn) throws LDAPException {
        Set<String> groups = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(dn));
        while (!todo.isEmpty()) {
            for (SearchResultEntry g : c.search(directory.baseDn(), SearchScope.SUB,
                    Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"),
                            Filter.createEqualityFilter("member", todo.pop()))).getSearchEntries()) {
                if (groups.add(g.getDN().toLowerCase())) {
                    todo.push(g.getDN());
                }
            }
        }
        return groups;
    }

    @Test
    void administrativeChangesAreVisibleToTheAgentButNetworkClientsCannotWrite() throws LDAPException {
        SeedPerson person = SeedPeople.byEmployeeId("E1020");
        String dn = directory.userDn(person.employeeId());
        try (LDAPConnection c = asService()) {
            directory.setDisabled(person.employeeId(), true);
            assertThat(c.getEntry(dn).getAttributeValue("userAccountControl")).isEqualTo("514");
            directory.setDisabled(person.employeeId(), false);
            assertThat(c.getEntry(dn).getAttributeValue("userAccountControl")).isEqualTo("512");

            directory.setPhone(person.employeeId(), "mobile", "+380 99 000 00 01");
            assertThat(c.getEntry(dn).getAttributeValue("mobile")).isEqualTo("+380 99 000 00 01");
            directory.setPhone(person.employeeId(), "mobile", person.phoneAsStored());

            assertThatThrownBy(() -> c.modify(dn, new Modification(ModificationType.REPLACE, "title", "CEO")))
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
        }
    }

    @Test
    void groupChangesAndDeletedAccountsAreWhatTheAgentSeesNext() throws LDAPException {
        SeedPerson promoted = SeedPeople.byEmployeeId("E1027");
        SeedPerson leaver = SeedPeople.byEmployeeId("E1028");
        String promotedDn = directory.userDn(promoted.employeeId());
        try (LDAPConnection c = asService()) {
            directory.addMember(directory.specialistGroupDn(), promoted.employeeId());
            assertThat(groupsOf(c, promotedDn)).contains(directory.specialistGroupDn().toLowerCase());
            directory.removeMember(directory.specialistGroupDn(), promoted.employeeId());
            assertThat(groupsOf(c, promotedDn)).doesNotContain(directory.specialistGroupDn().toLowerCase());

            String leaverDn = directory.userDn(leaver.employeeId());
            directory.deleteUser(leaver.employeeId());
            assertThat(c.search(directory.baseDn(), SearchScope.SUB, "(employeeID=" + leaver.employeeId() + ")")
                    .getEntryCount()).isZero();
            assertThat(c.getEntry(directory.allStaffGroupDn()).getAttributeValues("member")).doesNotContain(leaverDn);
        }
    }
}
