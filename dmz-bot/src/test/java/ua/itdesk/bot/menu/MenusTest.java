package ua.itdesk.bot.menu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.contracts.v1.Role;

class MenusTest {

    private static final String NONCE = "0123456789abcdef";

    @Test
    void anEmployeeCanFileAndFollowRequests() {
        assertThat(labels(Role.EMPLOYEE, Language.EN)).containsExactly("New request", "My requests", "Help");
    }

    @Test
    void aSpecialistWorksAssignedRequestsAndConsultations() {
        assertThat(labels(Role.SPECIALIST, Language.EN))
                .containsExactly("My assigned requests", "Online consultations", "🔴 You are offline: go online", "Help");
    }

    @Test
    void aSupervisorAlsoSeesStatistics() {
        assertThat(labels(Role.SUPERVISOR, Language.EN)).containsExactly("My assigned requests",
                "Online consultations", "🔴 You are offline: go online", "Statistics", "Help");
    }

    @Test
    void menusAreUkrainianByDefault() {
        assertThat(labels(Role.EMPLOYEE, Language.UK)).containsExactly("Нова заявка", "Мої заявки", "Довідка");
    }

    @Test
    void buttonsCarryTheSessionNonceAndReadBack() {
        OutgoingMessage menu = Menus.mainMenu(5, Role.SUPERVISOR, NONCE, Language.UK, false);
        for (var row : ((Keyboard.Inline) menu.keyboard()).rows()) {
            String data = row.get(0).data();
            assertThat(data.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
            Menus.Choice choice = Menus.parse(data).orElseThrow();
            assertThat(choice.nonce()).isEqualTo(NONCE);
            assertThat(choice.item()).isPresent();
        }
    }

    @Test
    void foreignDataIsNotAMenuChoice() {
        assertThat(Menus.parse("x|nr|" + NONCE)).isEmpty();
        assertThat(Menus.parse("m|nr")).isEmpty();
        assertThat(Menus.parse(null)).isEmpty();
        assertThat(Menus.parse("m|zz|" + NONCE).orElseThrow().item()).isEmpty();
    }

    @Test
    void theAvailabilityButtonSaysTheCurrentStateAndWhatPressingDoes() {
        OutgoingMessage online = Menus.mainMenu(5, Role.SPECIALIST, NONCE, Language.UK, true);
        assertThat(((Keyboard.Inline) online.keyboard()).rows()).extracting(row -> row.get(0).label())
                .contains("🟢 Ви онлайн: стати офлайн");
        assertThat(labels(Role.SPECIALIST, Language.UK)).contains("🔴 Ви офлайн: стати онлайн");
    }

    @Test
    void everyItemIsAvailableInThisRelease() {
        for (MenuItem item : MenuItem.values()) {
            assertThat(item.available()).as(item.name()).isTrue();
        }
    }

    private static java.util.List<String> labels(Role role, Language language) {
        OutgoingMessage menu = Menus.mainMenu(5, role, NONCE, language, false);
        return ((Keyboard.Inline) menu.keyboard()).rows().stream().flatMap(java.util.List::stream)
                .map(Keyboard.Button::label).toList();
    }
}
