package ua.itdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyboardTest {

    @Test
    void callbackDataLongerThanTelegramAllowsIsRejectedAtTheSource() {
        assertThatThrownBy(() -> new Keyboard.Button("x", "é".repeat(33)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLinkButtonOpensOnlyWebAddressesAndCarriesNoCallbackData() {
        Keyboard.Button link = Keyboard.Button.link("Open", "https://desk.example.test/browse/HELP-1");
        assertThat(link.data()).isNull();
        assertThatThrownBy(() -> Keyboard.Button.link("Open", "javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Keyboard.Button("x", "data", "https://example.test"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesOutsideTelegramsLengthLimitsAreRejected() {
        assertThatThrownBy(() -> OutgoingMessage.text(1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutgoingMessage.text(1, "x".repeat(4097)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
