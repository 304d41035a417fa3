package ua.itdesk.bot.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import ua.itdesk.sandbox.db.EmbeddedDatabase;
import ua.itdesk.sandbox.telegram.SentMessage;
import ua.itdesk.sandbox.telegram.TelegramStandIn;

/**
 * What a test of the running bot can reach: the Telegram stand-in the bot talks to, and the webhook secret the bot
 * registered there (null in long-polling mode), the scripted agent when the test asked for one (else null), and the
 * bot's database, which a test may take away as an outage would.
 */
public record BotSandbox(TelegramStandIn telegram, String webhookSecret, FakeAgent agent, EmbeddedDatabase database) {

    /** Beyond 32 bits on purpose: Telegram ids are 64-bit and must survive every hop as such. */
    private static final AtomicLong NEXT_USER = new AtomicLong(9_100_000_000L + (System.nanoTime() & 0xFFFF) * 100);

    /** A fresh Telegram user, registered with the stand-in, so tests never share a chat. */
    public long newUser(String firstName, String languageCode) {
        long id = NEXT_USER.incrementAndGet();
        telegram.user(id, firstName, null, languageCode);
        return id;
    }

    /** How many messages the bot has sent to {@code user}: the {@code before} of a later {@link #next}. */
    public int count(long user) {
        return telegram.messagesTo(user).size();
    }

    /** Presses the button labelled {@code text} on the newest of the user's messages that has one. */
    public void press(long user, String text) {
        List<SentMessage> messages = telegram.messagesTo(user);
        for (int i = messages.size() - 1; i >= 0; i--) {
            var data = messages.get(i).callbackDataOf(text);
            if (data.isPresent()) {
                telegram.pressButton(user, messages.get(i).messageId(), data.get());
                return;
            }
        }
        throw new AssertionError("no button " + text + " in " + messages);
    }

    /** A bot message sent after the first {@code before} ones that satisfies the condition, within {@code wait}. */
    public SentMessage next(long user, int before, Duration wait, Predicate<SentMessage> condition) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<SentMessage> messages = telegram.messagesTo(user);
            for (SentMessage m : messages.subList(Math.min(before, messages.size()), messages.size())) {
                if (condition.test(m)) {
                    return m;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no such message within " + wait + "; the chat: "
                + telegram.messagesTo(user).stream().map(SentMessage::plainText).toList());
    }
}
