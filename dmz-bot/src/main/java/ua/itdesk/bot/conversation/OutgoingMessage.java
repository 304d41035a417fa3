package ua.itdesk.bot.conversation;

/**
 * A message to send.
 *
 * @param chatId   the chat
 * @param html     text in Telegram's HTML mode; built from {@link Text} templates, so user data in it is escaped
 * @param keyboard what to show with it
 * @param replyTo  a message of the chat it answers (shown as a quote), or null; sent even when that message is gone
 */
public record OutgoingMessage(long chatId, String html, Keyboard keyboard, Long replyTo) {

    public OutgoingMessage {
        if (html == null || html.isEmpty() || html.length() > 4096) {
            throw new IllegalArgumentException("message text must be 1-4096 characters");
        }
    }

    public OutgoingMessage(long chatId, String html, Keyboard keyboard) {
        this(chatId, html, keyboard, null);
    }

    public static OutgoingMessage text(long chatId, String html) {
        return new OutgoingMessage(chatId, html, Keyboard.UNCHANGED);
    }
}
