package ua.itdesk.bot.conversation;

import java.util.OptionalLong;

/**
 * The only way out to Telegram. Conversations speak through this port, so their flows can be driven in tests
 * without the Bot API; the Telegram adapter implements it.
 */
public interface MessageSender {

    /** Sends the message; failures are logged by the implementation, not thrown (a lost reply must not undo work). */
    void send(OutgoingMessage message);

    /**
     * Sends the message and returns the id Telegram gave it, so that a reply to it can be recognized; empty when it
     * could not be sent (logged, like {@link #send}).
     */
    OptionalLong sendAndGetId(OutgoingMessage message);

    /**
     * Replaces the text of a message the bot sent and takes its inline buttons away (an offer that closed, a rating
     * given); failures are logged, not thrown: the old buttons are answered as stale anyway.
     */
    void replace(long chatId, long messageId, String html);

    /** Stops the button's loading indicator; {@code notice} (plain text) is shown as a toast when not null. */
    void answerCallback(String callbackQueryId, String notice);
}
