package ua.itdesk.agent.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import org.junit.jupiter.api.Test;
import ua.itdesk.contracts.PhoneNumbers;

class LdapFiltersTest {

    private final LdapFilters filters = new LdapFilters("(objectClass=user)", "(objectClass=group)",
            List.of("mobile", "telephoneNumber"), "employeeID");

    @Test
    void filterMetacharactersAndNulInAnEmployeeIdAreEscaped() {
        Filter filter = filters.userWithEmployeeId("E1*)(uid=*)\u0000");

        assertThat(filter.toString())
                .isEqualTo("(&(objectClass=user)(employeeID=E1\\2a\\29\\28uid=\\2a\\29\\00))");
        assertThat(equalityValues(filter)).containsExactly("E1*)(uid=*)\u0000");
    }

    @Test
    void filterMetacharactersInAnEMailAddressAreEscaped() {
        Filter filter = filters.userWithMail("a*)(mail=*@corp.example.com");

        assertThat(filter.toString())
                .isEqualTo("(&(objectClass=user)(mail=a\\2a\\29\\28mail=\\2a@corp.example.com))");
        assertThat(filter.getComponents()[1].getFilterType()).isEqualTo(Filter.FILTER_TYPE_EQUALITY);
        assertThat(filter.getComponents()[1].getAssertionValue()).isEqualTo("a*)(mail=*@corp.example.com");
    }

    @Test
    void phoneSpellingsAreEscapedAndSearchedInEveryPhoneAttribute() throws LDAPException {
        Filter filter = filters.usersWithPhoneSpelledAs(List.of("(050) 111-22-33", "*"));

        assertThat(filter.toString()).isEqualTo("(&(objectClass=user)(|(mobile=\\28050\\29 111-22-33)(mobile=\\2a)"
                + "(telephoneNumber=\\28050\\29 111-22-33)(telephoneNumber=\\2a)))");
        // Parsing the text back yields equality filters only: nothing was turned into a wildcard or a new clause.
        Filter reparsed = Filter.create(filter.toString());
        assertThat(reparsed.getComponents()[1].getComponents())
                .allSatisfy(f -> assertThat(f.getFilterType()).isEqualTo(Filter.FILTER_TYPE_EQUALITY));
    }

    @Test
    void theCommonSpellingsOfANumberMakeOneExactMatchFilter() {
        Filter filter = filters.usersWithPhoneSpelledAs(PhoneNumbers.ukraine().commonSpellings("+380501112233"));

        assertThat(filter.toString()).contains("(mobile=050-111-22-33)", "(telephoneNumber=+380501112233)",
                "(mobile=\\28050\\29 1112233)");
    }

    @Test
    void aMemberDnWithFilterMetacharactersIsEscaped() {
        Filter filter = filters.groupsWithMemberIn(List.of("CN=Smith (IT)*,OU=People,DC=corp"));

        assertThat(filter.toString())
                .isEqualTo("(&(objectClass=group)(|(member=CN=Smith \\28IT\\29\\2a,OU=People,DC=corp)))");
    }

    @Test
    void theUserFilterFromConfigurationMustBeValid() {
        assertThatThrownBy(() -> new LdapFilters("(objectClass=user", "(objectClass=group)", List.of("mobile"),
                "employeeID")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> equalityValues(Filter and) {
        return java.util.Arrays.stream(and.getComponents())
                .filter(f -> f.getAttributeName().equals("employeeID")).map(Filter::getAssertionValue).toList();
    }
}
