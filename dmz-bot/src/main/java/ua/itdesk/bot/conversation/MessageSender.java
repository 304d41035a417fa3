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

    /** Sends a file by its Telegram file id and returns the id of the new message; empty when it failed (logged). */
    OptionalLong sendFile(OutgoingFile file);

    /**
     * Replaces the text of one of the bot's messages, its inline buttons going with it (an offer that closed, a
     * rating given); false when Telegram refused or could not be reached (logged).
     */
    boolean editText(long chatId, long messageId, String html);

    /** Replaces the caption of one of the bot's media messages; false when it failed (logged). */
    boolean editCaption(long chatId, long messageId, String captionHtml);

    /** Stops the button's loading indicator; {@code notice} (plain text) is shown as a toast when not null. */
    void answerCallback(String callbackQueryId, String notice);
}
