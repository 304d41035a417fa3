package ua.itdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyboardTest {

    @Test
    void callbackDataLongerThanTelegramAllowsIsRejectedAtTheSource() {
        assertThatThrownBy(() -> new Keyboard.Button("x", "é".repeat(33)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesOutsideTelegramsLengthLimitsAreRejected() {
        assertThatThrownBy(() -> OutgoingMessage.text(1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutgoingMessage.text(1, "x".repeat(4097)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
