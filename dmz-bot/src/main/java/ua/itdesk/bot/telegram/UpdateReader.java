package ua.itdesk.bot.telegram;

import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.Chat;
import com.pengrad.telegrambot.model.Contact;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.User;
import com.pengrad.telegrambot.model.message.MaybeInaccessibleMessage;
import java.util.Optional;
import ua.itdesk.bot.conversation.Incoming;

/**
 * Turns Bot API updates into {@link Incoming}: private chats with a human sender only (the contact button works
 * only there), text stripped of control characters and capped (S4).
 */
final class UpdateReader {

    static final int MAX_TEXT = 4096;
    static final int MAX_FIELD = 256;

    private UpdateReader() {
    }

    static Optional<Incoming> read(Update update) {
        if (update.message() != null) {
            return fromMessage(update.updateId(), update.message());
        }
        if (update.callbackQuery() != null) {
            return fromCallback(update.updateId(), update.callbackQuery());
        }
        return Optional.empty();
    }

    /** The chat an update belongs to, for de-duplication records; null when there is none. */
    static Long chatOf(Update update) {
        if (update.message() != null && update.message().chat() != null) {
            return update.message().chat().id();
        }
        if (update.callbackQuery() != null) {
            MaybeInaccessibleMessage m = update.callbackQuery().maybeInaccessibleMessage();
            if (m != null && m.chat() != null) {
                return m.chat().id();
            }
        }
        return null;
    }

    private static Optional<Incoming> fromMessage(long updateId, Message m) {
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
        return Optional.of(new Incoming(updateId, m.chat().id(), from.id(), from.languageCode(),
                clean(from.firstName(), MAX_FIELD), clean(text, MAX_TEXT), m.forwardOrigin() != null, contact, null,
                replyTo));
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
                clean(from.firstName(), MAX_FIELD), null, false, null, callback));
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
