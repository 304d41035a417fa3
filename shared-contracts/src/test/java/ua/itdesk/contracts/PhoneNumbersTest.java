package ua.itdesk.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    private final PhoneNumbers ua = PhoneNumbers.ukraine();

    @ParameterizedTest
    @ValueSource(strings = {"+380 50 111 22 33", "050-111-22-33", "(050) 1112233", "380501112233", "+380501112233",
            "00380501112233", "0501112233", "501112233", "+38 (050) 111-22-33", "38 050 111 22 33",
            "+380 (50) 111-22-33", "050.111.22.33", "+380501112233 ext. 12", "050 111 22 33 доб. 4"})
    void everyHumanSpellingOfOneNumberNormalizesToTheSameE164(String spelling) {
        assertThat(ua.toE164(spelling)).contains("+380501112233");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello", "12", "+0501112233", "050111223", "0501112233445566",
            "*)(uid=*", "050\u0000111"})
    void textThatIsNotAPhoneNumberIsRefused(String text) {
        assertThat(ua.toE164(text)).isEmpty();
    }

    @Test
    void foreignNumbersInInternationalFormKeepTheirCountryCode() {
        assertThat(ua.toE164("+48 601 234 567")).contains("+48601234567");
        assertThat(ua.toE164("0048601234567")).contains("+48601234567");
    }

    @Test
    void everyCommonSpellingNormalizesBackToTheNumber() {
        assertThat(ua.commonSpellings("+380501112233"))
                .hasSizeGreaterThan(8)
                .allSatisfy(form -> assertThat(ua.toE164(form)).contains("+380501112233"))
                .allSatisfy(form -> assertThat(form).matches("[0-9+ ()\\-]+"));
    }

    @Test
    void commonSpellingsOfSomethingElseAreEmpty() {
        assertThat(ua.commonSpellings("*)(mobile=*")).isEmpty();
    }

    @Test
    void maskKeepsOnlyCountryCodeAndLastTwoDigits() {
        assertThat(PhoneNumbers.mask("+380501112233")).isEqualTo("+380*******33").doesNotContain("111");
        assertThat(PhoneNumbers.mask(null)).isEqualTo("<none>");
    }
}
