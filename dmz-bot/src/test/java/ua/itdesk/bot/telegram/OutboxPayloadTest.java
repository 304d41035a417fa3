package ua.itdesk.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.OutgoingMessage;

class OutboxPayloadTest {

    @Test
    void everyKindOfMessageComesBackAsItWasQueued() {
        List<OutgoingMessage> messages = List.of(
                OutgoingMessage.text(9_100_000_001L, "<b>Hi</b> &amp; \u0000 \"quoted\" \uD83D\uDE00"),
                new OutgoingMessage(1, "x", Keyboard.REMOVE),
                new OutgoingMessage(1, "x", new Keyboard.RequestContact("Share my number"), 42L),
                new OutgoingMessage(-100_123, "x", new Keyboard.Inline(List.of(
                        List.of(new Keyboard.Button("Open", "m|open|n0nce"), Keyboard.Button.link("Jira",
                                "https://jira.example.com/browse/IT-1")),
                        List.of(new Keyboard.Button("Back", "rq|m|0|abc"))))));

        for (OutgoingMessage m : messages) {
            assertThat(OutboxPayload.read(m.chatId(), OutboxPayload.write(m))).isEqualTo(m);
        }
    }
}
