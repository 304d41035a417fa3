package ua.itdesk.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.directory.Directory;
import ua.itdesk.agent.directory.DirectoryPerson;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.contracts.v1.Role;

class JiraPeopleTest {

    private final EventLogTest.MutableClock clock =
            new EventLogTest.MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final OneEntryDirectory directory = new OneEntryDirectory("olena.koval@corp.example.com", "E1001");
    private final JiraPeople people = new JiraPeople(directory, clock);

    @Test
    void aJiraUserIsNamedByTheEmployeeIdOfTheDirectoryEntryWithItsAddress() {
        assertThat(people.employeeId(user("Olena.Koval@corp.example.com"))).isEqualTo("E1001");
        assertThat(directory.asked).containsExactly("olena.koval@corp.example.com");
    }

    @Test
    void answersAreRememberedForTenMinutesIncludingNobody() {
        people.employeeId(user("olena.koval@corp.example.com"));
        people.employeeId(user("someone@elsewhere.example.com"));
        people.employeeId(user("olena.koval@corp.example.com"));
        people.employeeId(user("someone@elsewhere.example.com"));
        assertThat(directory.asked).hasSize(2);

        clock.advance(Duration.ofMinutes(JiraPeople.TTL_MINUTES).plusSeconds(1));
        assertThat(people.employeeId(user("olena.koval@corp.example.com"))).isEqualTo("E1001");
        assertThat(directory.asked).hasSize(3);
    }

    @Test
    void aUserWithoutAnAddressIsNobodyWithoutAsking() {
        assertThat(people.employeeId(user(null))).isNull();
        assertThat(people.employeeId(null)).isNull();
        assertThat(directory.asked).isEmpty();
    }

    private static JiraUser user(String mail) {
        return new JiraUser("acc-1", null, null, mail, "Olena Koval", true, null);
    }

    /** The directory port with one person in it, counting the e-mail look-ups. */
    private static final class OneEntryDirectory implements Directory {

        private final String mail;
        private final String employeeId;
        final List<String> asked = new ArrayList<>();

        OneEntryDirectory(String mail, String employeeId) {
            this.mail = mail;
            this.employeeId = employeeId;
        }

        @Override
        public Optional<DirectoryPerson> findByMail(String address) {
            asked.add(address);
            return mail.equalsIgnoreCase(address)
                    ? Optional.of(new DirectoryPerson("CN=x", employeeId, "Olena Koval", null, null, false, mail))
                    : Optional.empty();
        }

        @Override
        public Optional<DirectoryPerson> findByPhone(String e164) {
            return Optional.empty();
        }

        @Override
        public Optional<DirectoryPerson> findByEmployeeId(String id) {
            return Optional.empty();
        }

        @Override
        public Role roleOf(DirectoryPerson person) {
            return Role.EMPLOYEE;
        }
    }
}
