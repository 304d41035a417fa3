package ua.itdesk.bot.testing;

import java.util.concurrent.atomic.AtomicLong;
import ua.itdesk.sandbox.db.EmbeddedDatabase;
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
}
