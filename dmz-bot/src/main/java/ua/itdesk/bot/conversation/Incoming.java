package ua.itdesk.bot.conversation;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One update from a person in a private chat, reduced to what conversations use; the Telegram adapter builds it,
 * so conversations never see the Bot API types. Text is already stripped of control characters and capped.
 *
 * @param updateId     Telegram's update_id
 * @param chatId       the private chat (equals the user id in Telegram's private chats)
 * @param userId       the sender (64-bit Telegram id)
 * @param languageCode the sender's Telegram language, may be null
 * @param firstName    the sender's first name as Telegram shows it
 * @param text         message text or caption, null when there is none
 * @param forwarded    whether the message was forwarded from somewhere else
 * @param contact      a shared contact, or null
 * @param callback     a pressed inline button, or null
 * @param file         a photo, document or voice note in the message, or null
 * @param replyTo      the id of the message (in this chat) this message replies to, or null
 * @param messageId    the message's own id in this chat; null for button presses
 * @param edited       whether this is a new version of an earlier message ({@code edited_message}) rather than a
 *                     new message: only an open consultation chat takes it, everything else drops it
 * @param receivedAt   when the bot read the update (for latency metrics)
 */
public record Incoming(long updateId, long chatId, long userId, String languageCode, String firstName, String text,
                       boolean forwarded, SharedContact contact, Callback callback, SharedFile file, Long replyTo,
                       Long messageId, boolean edited, Instant receivedAt) {

    /** A message or button press without a file that replies to nothing. */
    public Incoming(long updateId, long chatId, long userId, String languageCode, String firstName, String text,
            boolean forwarded, SharedContact contact, Callback callback) {
        this(updateId, chatId, userId, languageCode, firstName, text, forwarded, contact, callback, null, null, null,
                false, Instant.now());
    }

    /**
     * A photo, document or voice note as Telegram describes it; the bytes stay with Telegram until the bot downloads
     * them, and the file id alone lets the bot send the same file on.
     *
     * @param fileId   Telegram's id for downloading (getFile) and re-sending
     * @param fileName the document's name; null for photos and voice notes, which have none
     * @param mimeType as the sender's client declared it; photos are always JPEG, voice notes OGG; may be null for
     *                 documents
     * @param size     bytes, when Telegram says
     * @param kind     how Telegram shows it
     */
    public record SharedFile(String fileId, String fileName, String mimeType, Long size, FileKind kind) {

        /** Whether it is a photo (compressed by Telegram) rather than a document or voice note. */
        public boolean photo() {
            return kind == FileKind.PHOTO;
        }

        /** The media type without parameters, lower case; null when the client declared none. */
        public String mediaType() {
            if (mimeType == null || mimeType.isBlank()) {
                return null;
            }
            int semicolon = mimeType.indexOf(';');
            return (semicolon >= 0 ? mimeType.substring(0, semicolon) : mimeType).strip().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A contact card in a message.
     *
     * @param phoneNumber the number as Telegram sent it (often without the plus)
     * @param userId      the Telegram user the contact belongs to, when Telegram knows it
     */
    public record SharedContact(String phoneNumber, Long userId) {
    }

    /**
     * An inline button press.
     *
     * @param queryId   the callback query id, to be answered
     * @param data      the button's callback_data as the client sent it (untrusted)
     * @param messageId the message the button belongs to, if still accessible
     */
    public record Callback(String queryId, String data, Long messageId) {
    }

    /** The slash command this message starts with ({@code /start}, {@code /start@my_bot payload}), if any. */
    public Optional<String> commandName() {
        if (text == null || !text.startsWith("/") || contact != null) {
            return Optional.empty();
        }
        String first = text.substring(1).split("\\s", 2)[0];
        int at = first.indexOf('@');
        String name = at >= 0 ? first.substring(0, at) : first;
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /**
     * Whether the contact is the sender's own: shared with the contact button, so Telegram set its user_id to the
     * sender's id, and not forwarded (A2).
     */
    public boolean sharesOwnContact() {
        return contact != null && !forwarded && contact.userId() != null && contact.userId() == userId;
    }
}
