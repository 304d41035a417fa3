package ua.itdesk.agent.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ua.itdesk.agent.testing.AgentClient;
import ua.itdesk.agent.testing.AgentClient.Response;
import ua.itdesk.agent.testing.AgentSandboxResource;
import ua.itdesk.agent.testing.InjectSandbox;
import ua.itdesk.agent.testing.Numbers;
import ua.itdesk.agent.testing.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/** How a shared number finds its directory entry, whatever way the number was typed into AD (A3). */
@QuarkusTest
@WithTestResource(AgentSandboxResource.class)
class PhoneLookupTests {

    @InjectSandbox
    Sandbox sandbox;

    @TestHTTPResource(value = "/", tls = true)
    URI agent;

    @Inject
    LdapDirectory ldap;

    private AgentClient bot;

    @BeforeEach
    void connectAsTheBot() {
        bot = AgentClient.asBot(agent, sandbox.pki());
    }

    /** Spellings of {@code +380 OP ABC DE FG}, written with the digits of the person's real number. */
    @ParameterizedTest
    @ValueSource(strings = {"+380 OP ABC DE FG", "0OP-ABC-DE-FG", "(0OP) ABCDEFG", "380OPABCDEFG",
            "+38 (0OP) ABC-DE-FG", "00380OPABCDEFG", "0OP.ABC.DE.FG", "+380-OP-ABC-DE-FG"})
    void anActiveEmployeeIsFoundWhicheverWayTheirNumberWasTyped(String template) {
        SeedPerson person = SeedPeople.anActiveEmployee();
        try {
            sandbox.directory().setPhone(person.employeeId(), person.phoneAttribute(), spell(template, person.e164()));
            ldap.refreshIndex();

            Response response = bot.verify(person.telegramUserId(), person.e164());

            assertThat(response.status()).isEqualTo(200);
            assertThat(AgentClient.claimsOf(response.token()).path("sub").asText()).isEqualTo(person.employeeId());
        } finally {
            sandbox.directory().setPhone(person.employeeId(), person.phoneAttribute(), person.phoneAsStored());
            ldap.refreshIndex();
        }
    }

    @Test
    void aNumberTypedSinceTheLastIndexBuildIsFoundByItsCommonSpellings() {
        SeedPerson person = activeEmployee(4);
        String newNumber = Numbers.unknownNumber();
        try {
            sandbox.directory().setPhone(person.employeeId(), person.phoneAttribute(), spell("(0OP) ABC-DE-FG",
                    newNumber));

            Response response = bot.verify(person.telegramUserId(), newNumber);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("employee").path("employeeId").asText()).isEqualTo(person.employeeId());
        } finally {
            sandbox.directory().setPhone(person.employeeId(), person.phoneAttribute(), person.phoneAsStored());
        }
    }

    @Test
    void anUnusualSpellingIsFoundOnceTheIndexHasSeenIt() {
        SeedPerson person = activeEmployee(5);
        String newNumber = Numbers.unknownNumber();
        try {
            // "38 0OP...": the country code typed without its last digit, a form no exact-match filter guesses
            sandbox.directory().setPhone(person.employeeId(), person.phoneAttribute(),
                    spell("38 0OP ABC DE FG", newNumber));
            assertThat(bot.verify(Numbers.strangerTelegramId(), newNumber).status()).isEqualTo(403);

            ldap.refreshIndex();

            assertThat(bot.verify(person.telegramUserId(), newNumber).status()).isEqualTo(200);
        } finally {
            sandbox.directory().setPhone(person.employeeId(), person.phoneAttribute(), person.phoneAsStored());
            ldap.refreshIndex();
        }
    }

    @Test
    void aNumberRemovedFromTheDirectoryNoLongerLogsInEvenBeforeTheIndexIsRebuilt() {
        SeedPerson person = activeEmployee(6);
        ldap.refreshIndex();
        try {
            sandbox.directory().setPhone(person.employeeId(), person.phoneAttribute(), Numbers.unknownNumber());

            assertThat(bot.verify(Numbers.strangerTelegramId(), person.e164()).status()).isEqualTo(403);
        } finally {
            sandbox.directory().setPhone(person.employeeId(), person.phoneAttribute(), person.phoneAsStored());
        }
    }

    @Test
    void aNumberSharedByTwoPeopleLogsNobodyIn() {
        List<SeedPerson> two = List.of(activeEmployee(7), activeEmployee(8));
        String shared = Numbers.unknownNumber();
        try {
            for (SeedPerson p : two) {
                sandbox.directory().setPhone(p.employeeId(), p.phoneAttribute(), spell("0OP ABC DE FG", shared));
            }
            assertThat(bot.verify(Numbers.strangerTelegramId(), shared).status()).isEqualTo(403);

            ldap.refreshIndex();

            assertThat(bot.verify(Numbers.strangerTelegramId(), shared).status()).isEqualTo(403);
        } finally {
            for (SeedPerson p : two) {
                sandbox.directory().setPhone(p.employeeId(), p.phoneAttribute(), p.phoneAsStored());
            }
            ldap.refreshIndex();
        }
    }

    private static SeedPerson activeEmployee(int index) {
        return SeedPeople.withRole("employee").stream().filter(SeedPerson::canLogIn).toList().get(index);
    }

    /** Fills OP, ABC, DE, FG of the template with the digits of a {@code +380...} number. */
    private static String spell(String template, String e164) {
        String nsn = e164.substring(4);
        return template.replace("OP", nsn.substring(0, 2)).replace("ABC", nsn.substring(2, 5))
                .replace("DE", nsn.substring(5, 7)).replace("FG", nsn.substring(7, 9));
    }
}
