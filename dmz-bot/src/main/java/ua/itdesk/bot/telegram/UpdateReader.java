package ua.itdesk.bot.telegram;

import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.Chat;
import com.pengrad.telegrambot.model.Contact;
import com.pengrad.telegrambot.model.Document;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.PhotoSize;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.User;
import com.pengrad.telegrambot.model.Voice;
import com.pengrad.telegrambot.model.message.MaybeInaccessibleMessage;
import java.time.Instant;
import java.util.Optional;
import ua.itdesk.bot.conversation.FileKind;
import ua.itdesk.bot.conversation.Incoming;

/**
 * Turns Bot API updates into {@link Incoming}: private chats with a human sender only (the contact button works
 * only there), text stripped of control characters and capped (S4).
 */
final class UpdateReader {

    static final int MAX_TEXT = 4096;
    static final int MAX_FIELD = 256;
    /** Telegram re-encodes every photo as JPEG. */
    static final String PHOTO_TYPE = "image/jpeg";
    /** Voice notes are OGG with the OPUS codec; clients do not always say so. */
    static final String VOICE_TYPE = "audio/ogg";

    /** The update kinds {@link #read} understands, asked of Telegram by long polling and the webhook alike. */
    private static final String[] ALLOWED_UPDATES = {"message", "edited_message", "callback_query"};

    private UpdateReader() {
    }

    static String[] allowedUpdates() {
        return ALLOWED_UPDATES.clone();
    }

    static Optional<Incoming> read(Update update) {
        if (update.message() != null) {
            return fromMessage(update.updateId(), update.message(), false);
        }
        if (update.editedMessage() != null) {
            return fromMessage(update.updateId(), update.editedMessage(), true);
        }
        if (update.callbackQuery() != null) {
            return fromCallback(update.updateId(), update.callbackQuery());
        }
        return Optional.empty();
    }

    /** The chat an update belongs to, for de-duplication records; null when there is none. */
    static Long chatOf(Update update) {
        Message message = update.message() != null ? update.message() : update.editedMessage();
        if (message != null && message.chat() != null) {
            return message.chat().id();
        }
        if (update.callbackQuery() != null) {
            MaybeInaccessibleMessage m = update.callbackQuery().maybeInaccessibleMessage();
            if (m != null && m.chat() != null) {
                return m.chat().id();
            }
        }
        return null;
    }

    private static Optional<Incoming> fromMessage(long updateId, Message m, boolean edited) {
        User from = m.from();
        if (!isPrivate(m.chat()) || from == null || from.id() == null || Boolean.TRUE.equals(from.isBot())) {
            return Optional.empty();
        }
        String text = m.text() != null ? m.text() : m.caption();
        Contact c = m.contact();
        Incoming.SharedContact contact = c == null ? null
                : new Incoming.SharedContact(clean(c.phoneNumber(), MAX_FIELD), c.userId());
        Long replyTo = m.replyToMessage() == null || m.replyToMessage().messageId() == null ? null
                : m.replyToMessage().messageId().longValue();
        Long messageId = m.messageId() == null ? null : m.messageId().longValue();
        return Optional.of(new Incoming(updateId, m.chat().id(), from.id(), from.languageCode(),
                clean(from.firstName(), MAX_FIELD), clean(text, MAX_TEXT), m.forwardOrigin() != null, contact, null,
                fileOf(m), replyTo, messageId, edited, Instant.now()));
    }

    /**
     * The largest size of a photo (Telegram sends several), a document or a voice note; null when the message has
     * none of them.
     */
    static Incoming.SharedFile fileOf(Message m) {
        PhotoSize[] sizes = m.photo();
        if (sizes != null && sizes.length > 0) {
            PhotoSize largest = sizes[0];
            for (PhotoSize s : sizes) {
                if (area(s) > area(largest)) {
                    largest = s;
                }
            }
            return new Incoming.SharedFile(largest.fileId(), null, PHOTO_TYPE, largest.fileSize(), FileKind.PHOTO);
        }
        Document d = m.document();
        if (d != null && d.fileId() != null) {
            return new Incoming.SharedFile(d.fileId(), clean(d.fileName(), MAX_FIELD), clean(d.mimeType(), MAX_FIELD),
                    d.fileSize(), FileKind.DOCUMENT);
        }
        Voice v = m.voice();
        if (v != null && v.fileId() != null) {
            String type = v.mimeType() == null || v.mimeType().isBlank() ? VOICE_TYPE : v.mimeType();
            return new Incoming.SharedFile(v.fileId(), null, clean(type, MAX_FIELD), v.fileSize(), FileKind.VOICE);
        }
        return null;
    }

    private static long area(PhotoSize s) {
        return (long) (s.width() == null ? 0 : s.width()) * (s.height() == null ? 0 : s.height());
    }

    private static Optional<Incoming> fromCallback(long updateId, CallbackQuery q) {
        User from = q.from();
        MaybeInaccessibleMessage m = q.maybeInaccessibleMessage();
        if (from == null || from.id() == null || m == null || !isPrivate(m.chat())) {
            return Optional.empty();
        }
        Long messageId = m.messageId() == null ? null : m.messageId().longValue();
        Incoming.Callback callback = new Incoming.Callback(q.id(), clean(q.data(), 64), messageId);
        return Optional.of(new Incoming(updateId, m.chat().id(), from.id(), from.languageCode(),
                clean(from.firstName(), MAX_FIELD), null, false, null, callback, null, null, null, false,
                Instant.now()));
    }

    private static boolean isPrivate(Chat chat) {
        return chat != null && chat.id() != null && chat.type() == Chat.Type.Private;
    }

    /** Drops control characters other than line breaks and tabs, and caps the length. */
    static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                out.append(c);
            }
        }
        if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }
}
