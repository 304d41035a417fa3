package ua.itdesk.bot.conversation;

/**
 * The only way out to Telegram. Conversations speak through this port, so their flows can be driven in tests
 * without the Bot API; the Telegram adapter implements it.
 */
public interface MessageSender {

    /** Sends the message; failures are logged by the implementation, not thrown (a lost reply must not undo work). */
    void send(OutgoingMessage message);

    /** Stops the button's loading indicator; {@code notice} (plain text) is shown as a toast when not null. */
    void answerCallback(String callbackQueryId, String notice);
}
