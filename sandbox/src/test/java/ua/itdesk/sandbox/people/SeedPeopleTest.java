package ua.itdesk.sandbox.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ua.itdesk.contracts.PhoneNumbers;

class SeedPeopleTest {

    private final List<SeedPerson> all = SeedPeople.all();

    @Test
    void theCompanyHasEnoughStaffWithDistinctKeys() {
        assertThat(all).hasSizeGreaterThanOrEqualTo(32);
        assertThat(all).extracting(SeedPerson::employeeId).doesNotHaveDuplicates();
        assertThat(all).extracting(SeedPerson::login).doesNotHaveDuplicates();
        assertThat(all).extracting(SeedPerson::e164).doesNotHaveDuplicates();
        assertThat(all).extracting(SeedPerson::telegramUserId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isGreaterThan(Integer.MAX_VALUE));
    }

    @Test
    void everyStoredPhoneNormalisesToThePersonsE164() {
        PhoneNumbers ukraine = PhoneNumbers.ukraine();
        for (SeedPerson p : all) {
            assertThat(ukraine.toE164(p.phoneAsStored()))
                    .as("%s %s", p.employeeId(), p.phoneAsStored())
                    .isEqualTo(Optional.of(p.e164()));
            assertThat(p.phoneAttribute()).isIn("mobile", "telephoneNumber");
        }
    }

    @Test
    void phonesAreSpelledInManyHumanWaysAcrossBothAttributes() {
        Set<String> shapes = all.stream().map(p -> p.phoneAsStored().replaceAll("[0-9]", "9"))
                .collect(Collectors.toSet());
        assertThat(shapes).hasSizeGreaterThanOrEqualTo(10)
                .contains("+999 99 999 99 99", "999-999-99-99", "(999) 9999999", "999999999999", "+99 (999) 999-99-99");
        assertThat(all).extracting(SeedPerson::phoneAttribute).contains("mobile", "telephoneNumber");
    }

    @Test
    void rolesSpecialCasesAndLanguagesAreAsTheScenariosNeed() {
        assertThat(SeedPeople.withRole("specialist")).hasSize(4);
        assertThat(SeedPeople.withRole("supervisor")).hasSize(1);
        assertThat(all).filteredOn(SeedPerson::disabled).hasSize(1);
        assertThat(SeedPeople.theDisabledOne().hrStatus()).isEqualTo("ACTIVE");
        assertThat(SeedPeople.theOneMissingFromHr().hrStatus()).isNull();
        assertThat(SeedPeople.theOneMissingFromHr().disabled()).isFalse();
        assertThat(all).extracting(SeedPerson::hrStatus).contains("ON_LEAVE", "TERMINATED");
        assertThat(SeedPeople.anActiveEmployee().canLogIn()).isTrue();
        assertThat(SeedPeople.anActiveEmployee().role()).isEqualTo("employee");
        assertThat(all).extracting(SeedPerson::languageCode).containsOnly("uk", "en");
        long english = all.stream().filter(p -> p.languageCode().equals("en")).count();
        assertThat(english).isBetween(2L, (long) all.size() / 3);
        assertThat(SeedPeople.withRole("specialist")).extracting(SeedPerson::languageCode).contains("uk", "en");
    }

    @Test
    void namesAreUkrainianWithALatinTransliterationAndCorporateMail() {
        for (SeedPerson p : all) {
            assertThat(p.fullName()).matches("[А-ЯІЇЄҐа-яіїєґ'ʼ -]+");
            assertThat(p.latinName()).matches("[A-Za-z' -]+");
            assertThat(p.mail()).isEqualTo(p.login() + "@corp.example.com");
            assertThat(p.firstName() + " " + p.lastName()).isEqualTo(p.fullName());
        }
        assertThat(all).extracting(SeedPerson::department)
                .contains("Бухгалтерія", "Відділ продажів", "ІТ-підтримка", "HR", "Логістика");
    }

    @Test
    void lookupsFindPeopleByTheirKeys() {
        SeedPerson first = all.get(0);
        assertThat(SeedPeople.byEmployeeId(first.employeeId())).isEqualTo(first);
        assertThat(SeedPeople.byTelegramUserId(first.telegramUserId())).contains(first);
        assertThat(SeedPeople.byTelegramUserId(42)).isEmpty();
    }
}
