package ua.itdesk.bot.conversation;

import java.util.OptionalLong;

/**
 * The only way out to Telegram. Conversations speak through this port, so their flows can be driven in tests
 * without the Bot API; the Telegram adapter implements it. Everything sent through it, queued or not, shares
 * Telegram's limits (about 30 messages a second overall, one a second per chat) and keeps each chat's order (R2).
 */
public interface MessageSender {

    /**
     * Queues the message and returns: it is stored first (a restart loses none, R5) and delivered shortly after, in
     * order with the chat's other messages and within Telegram's limits, 429s waited out. For every message whose
     * Telegram id nobody needs. Failures are logged and counted by the implementation, not thrown (a lost reply must
     * not undo work); a message Telegram refuses for good (the person blocked the bot) is given up.
     */
    void send(OutgoingMessage message);

    /**
     * Sends the message now, after the chat's queued ones, and returns the id Telegram gave it, so that a reply to
     * it can be recognized; empty when it could not be sent (logged). It may wait for the chat's turn under
     * Telegram's limits, so keep it for messages whose id is needed.
     */
    OptionalLong sendAndGetId(OutgoingMessage message);

    /**
     * Sends a file by its Telegram file id now, after the chat's queued messages, and returns the id of the new
     * message; empty when it failed (logged).
     */
    OptionalLong sendFile(OutgoingFile file);

    /**
     * Uploads a file the bot made itself (a chart, an export) to a chat now, after the chat's queued messages, and
     * returns the id of the new message; empty when it failed (logged). Not stored: made again on demand.
     */
    OptionalLong sendUpload(OutgoingUpload upload);

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
