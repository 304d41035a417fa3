package ua.itdesk.bot.requests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.contracts.v1.Priority;

class RequestButtonsTest {

    private static final String NONCE = "0123456789abcdef";

    @Test
    void theDetailButtonCarriesOnlyTheKey() {
        assertThat(RequestButtons.detail("HELP-42")).isEqualTo("rq|d|HELP-42");
        assertThat(RequestButtons.parse("rq|d|HELP-42")).contains(new RequestButtons.Detail("HELP-42"));
    }

    @Test
    void aKeyOutsideJirasFormIsMalformed() {
        assertThat(RequestButtons.parse("rq|d|help-42")).contains(new RequestButtons.Malformed());
        assertThat(RequestButtons.parse("rq|d|HELP-42|x")).contains(new RequestButtons.Malformed());
        assertThat(RequestButtons.parse("rq|d|HELP-42 OR 1=1")).contains(new RequestButtons.Malformed());
    }

    @Test
    void pagesRoundTripWithTheirNonce() {
        String data = RequestButtons.page(TicketsCache.Relation.ASSIGNEE, 3, NONCE);
        assertThat(RequestButtons.parse(data))
                .contains(new RequestButtons.ListPage(TicketsCache.Relation.ASSIGNEE, 3, NONCE));
        assertThat(RequestButtons.parse("rq|m|9999|" + NONCE)).contains(new RequestButtons.Malformed());
    }

    @Test
    void wizardButtonsRoundTrip() {
        for (WizardEvent e : new WizardEvent[] {WizardEvent.SKIP, WizardEvent.DONE, WizardEvent.SOLVED,
            WizardEvent.NOT_SOLVED, WizardEvent.CONFIRM, WizardEvent.BACK, WizardEvent.CANCEL}) {
            assertThat(RequestButtons.parse(RequestButtons.wizard(e, NONCE)))
                    .contains(new RequestButtons.Wizard(e, null, NONCE));
        }
        for (Priority p : Priority.values()) {
            assertThat(RequestButtons.parse(RequestButtons.priority(p, NONCE)))
                    .contains(new RequestButtons.Wizard(WizardEvent.PRIORITY, p.name(), NONCE));
        }
        assertThat(RequestButtons.parse(RequestButtons.category("123456789012345678", NONCE)))
                .contains(new RequestButtons.Wizard(WizardEvent.CATEGORY, "123456789012345678", NONCE));
    }

    @Test
    void everyButtonFitsTelegramsSixtyFourBytes() {
        new Keyboard.Button("x", RequestButtons.category("123456789012345678", NONCE));
        new Keyboard.Button("x", RequestButtons.detail("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE-123456789012"));
        new Keyboard.Button("x", RequestButtons.page(TicketsCache.Relation.REPORTER, 999, NONCE));
    }

    @Test
    void otherDataIsNotOurs() {
        assertThat(RequestButtons.parse("m|nr|" + NONCE)).isEmpty();
        assertThat(RequestButtons.parse(null)).isEmpty();
        assertThat(RequestButtons.parse("w|zz|" + NONCE)).contains(new RequestButtons.Malformed());
        assertThat(RequestButtons.parse("w|p|q|" + NONCE)).contains(new RequestButtons.Malformed());
    }
}
