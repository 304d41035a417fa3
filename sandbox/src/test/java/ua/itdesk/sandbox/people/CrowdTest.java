package ua.itdesk.sandbox.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CrowdTest {

    private static final int SIZE = 60;

    @Test
    void generatedEmployeesCanLogInAndShareNoKeyWithTheSeed() {
        List<SeedPerson> crowd = Crowd.people(SIZE);

        assertThat(crowd).hasSize(SIZE).allMatch(SeedPerson::canLogIn).allMatch(SeedPeople::inCrowd)
                .allMatch(p -> p.role().equals("employee"));
        assertThat(SeedPeople.all()).noneMatch(SeedPeople::inCrowd);
        for (Function<SeedPerson, Object> key : List.<Function<SeedPerson, Object>>of(SeedPerson::employeeId,
                SeedPerson::login, SeedPerson::e164, SeedPerson::telegramUserId, SeedPerson::fullName)) {
            assertThat(Stream.concat(crowd.stream(), SeedPeople.all().stream()).map(key))
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void theirDirectoryEntriesHoldWhatTheAgentLooksUp() {
        List<SeedPerson> crowd = Crowd.people(3);
        List<Entry> entries = Crowd.entries(3);

        assertThat(entries).hasSize(3);
        for (int i = 0; i < 3; i++) {
            SeedPerson p = crowd.get(i);
            Entry e = entries.get(i);
            assertThat(e.hasObjectClass("user")).isTrue();
            assertThat(e.getDN()).startsWith("CN=" + p.fullName() + ",OU=People,");
            assertThat(e.getAttributeValue("employeeID")).isEqualTo(p.employeeId());
            assertThat(e.getAttributeValue("sAMAccountName")).isEqualTo(p.login());
            assertThat(e.getAttributeValue("mobile")).isEqualTo(p.phoneAsStored());
            assertThat(p.phoneAsStored().replace(" ", "")).isEqualTo(p.e164());
            assertThat(e.getAttributeValue("userAccountControl")).isEqualTo("512");
        }
    }
}
