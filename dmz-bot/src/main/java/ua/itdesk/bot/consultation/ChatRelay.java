package ua.itdesk.bot.consultation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import ua.itdesk.bot.conversation.Html;
import ua.itdesk.bot.conversation.Incoming;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingFile;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.contracts.v1.RequestsApi;

/**
 * The relay of an open consultation chat (C3): what one side sends the bot goes to the other side under the sender's
 * name, written to CHAT_MESSAGES first (from where it is synced to Jira), then sent; replies point at the message
 * the other side sees, and edits change the copy. It calls neither the agent nor Jira, so a chat goes on while they
 * are down. The rules are in {@code docs/consultations.md}, section "Relay".
 */
@ApplicationScoped
@Startup // its meters exist from the start
public class ChatRelay {

    private static final Logger LOG = Logger.getLogger(ChatRelay.class);
    /** A name longer than this is cut in the copies (the row keeps nothing of it; the chat row has the full one). */
    static final int MAX_NAME = 64;
    /** Telegram's limit for a message's visible text. */
    static final int MAX_TEXT = 4096;
    /** Room for the visible part of a copy's template around the name and the text ("(змінено): "). */
    private static final int TEMPLATE_ROOM = 16;

    private final RelayChats chats;
    private final ChatMessages messages;
    private final MessageSender sender;
    private final MeterRegistry metrics;
    private final Timer latency;

    ChatRelay(RelayChats chats, ChatMessages messages, MessageSender sender, MeterRegistry metrics) {
        this.chats = chats;
        this.messages = messages;
        this.sender = sender;
        this.metrics = metrics;
        // with buckets, for the 95th percentile
        this.latency = Timer.builder("bot.consultation.relay")
                .description("from reading a chat message's update to its copy sent to the other side")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(metrics);
    }

    /**
     * Relays a message of a person in an open chat to the other side.
     *
     * @return false when the sender has no open chat or the update is not a message to relay (a button, a command,
     *         a contact), for the rest of the bot to handle; true when the relay took it (relayed, refused with an
     *         answer, or an edit of something never relayed, dropped quietly)
     */
    public boolean relay(Incoming in) {
        if (in.callback() != null || in.contact() != null || in.commandName().isPresent()) {
            return false;
        }
        List<RelayChats.Chat> open = chats.activeOf(in.userId());
        if (open.isEmpty()) {
            return false;
        }
        if (in.edited()) {
            relayEdit(in, open);
        } else if (in.text() == null && in.file() == null) {
            tell(in, RelayText.NOT_RELAYABLE.in(language(in)));
        } else if (in.file() != null && refused(in, in.file())) {
            count(in.file().kind().name(), "refused");
        } else {
            relayNew(in, target(in, open));
        }
        return true;
    }

    /** The chat a message belongs to and the message it replies to in the other side's chat, if any. */
    private record Target(RelayChats.Chat chat, Long replyTo) {
    }

    /**
     * A reply to a message of one of the chats belongs to that chat and points at the message the other side sees:
     * their own original, or the copy they received of the sender's. Anything else goes to the chat whose other
     * side wrote last.
     */
    private Target target(Incoming in, List<RelayChats.Chat> open) {
        if (in.replyTo() != null) {
            for (RelayChats.Chat chat : open) {
                Optional<ChatMessages.Mapped> mapped = messages.byMessageId(chat.id(), in.userId(), in.replyTo());
                if (mapped.isPresent()) {
                    ChatMessages.Mapped m = mapped.get();
                    return new Target(chat, m.sender() == in.userId() ? m.relayedMessageId() : m.sourceMessageId());
                }
            }
        }
        return new Target(open.get(0), null);
    }

    private boolean refused(Incoming in, Incoming.SharedFile file) {
        if (file.size() != null && file.size() > RequestsApi.MAX_ATTACHMENT_BYTES) {
            tell(in, RelayText.FILE_TOO_LARGE.in(language(in), RequestsApi.MAX_ATTACHMENT_BYTES / (1024 * 1024)));
            return true;
        }
        String type = file.mediaType();
        if (type == null || !RequestsApi.ATTACHMENT_TYPES.contains(type)) {
            tell(in, RelayText.FILE_TYPE_REFUSED.in(language(in), type == null ? "?" : type));
            return true;
        }
        return false;
    }

    private void relayNew(Incoming in, Target target) {
        RelayChats.Chat chat = target.chat();
        long user = in.userId();
        Incoming.SharedFile file = in.file();
        ChatMessages.Kind kind = file == null ? ChatMessages.Kind.TEXT : ChatMessages.Kind.valueOf(file.kind().name());
        int seq = messages.append(new ChatMessages.NewMessage(chat.id(), user, chat.sideOf(user), kind, in.text(),
                file == null ? null : file.fileId(), file == null ? null : file.fileName(),
                file == null ? null : file.mediaType(), file == null ? null : file.size(), in.messageId(), null));
        long other = chat.otherThan(user);
        String name = nameOf(chat, in);
        Language theirs = chat.languageOf(other);
        OptionalLong copy;
        if (file == null) {
            copy = sender.sendAndGetId(new OutgoingMessage(other, copy(RelayText.COPY, theirs, name, in.text(),
                    MAX_TEXT), Keyboard.UNCHANGED, target.replyTo()));
        } else {
            String caption = in.text() == null || in.text().isBlank() ? RelayText.FROM.in(theirs, cut(name, MAX_NAME))
                    : copy(RelayText.COPY, theirs, name, in.text(), OutgoingFile.MAX_CAPTION);
            copy = sender.sendFile(new OutgoingFile(other, file.kind(), file.fileId(), caption, target.replyTo()));
        }
        if (copy.isEmpty()) {
            LOG.warnf("chat %d: message %d of Telegram user %d could not be delivered to the other side; kept for "
                    + "the request", chat.id(), seq, user);
            count(kind.name(), "failed");
            String otherName = chat.nameOf(other);
            tell(in, RelayText.UNREACHABLE.in(language(in), otherName == null ? "" : cut(otherName, MAX_NAME),
                    chat.ticketKey()));
            return;
        }
        messages.relayed(chat.id(), seq, copy.getAsLong());
        count(kind.name(), "sent");
        latency.record(Duration.between(in.receivedAt(), Instant.now()));
    }

    /**
     * An edit of a relayed message becomes a row of its own and changes the other side's copy; an edit of anything
     * else (a message from before the chat, a command) is nobody's business and dropped.
     */
    private void relayEdit(Incoming in, List<RelayChats.Chat> open) {
        if (in.messageId() == null) {
            return;
        }
        long user = in.userId();
        for (RelayChats.Chat chat : open) {
            Optional<ChatMessages.Mapped> mapped = messages.byMessageId(chat.id(), user, in.messageId())
                    .filter(m -> m.sender() == user);
            if (mapped.isEmpty()) {
                continue;
            }
            ChatMessages.Mapped original = mapped.get();
            int seq = messages.append(new ChatMessages.NewMessage(chat.id(), user, chat.sideOf(user),
                    ChatMessages.Kind.TEXT, in.text(), null, null, null, null, in.messageId(), original.seq()));
            if (original.relayedMessageId() == null) {
                LOG.debugf("chat %d: edit %d of message %d kept; the message itself never reached the other side",
                        chat.id(), seq, original.seq());
                return;
            }
            long other = chat.otherThan(user);
            Language theirs = chat.languageOf(other);
            String name = nameOf(chat, in);
            // the copy's caption or text; a failed edit leaves the old copy, and the row has the new version for Jira
            boolean edited = in.file() != null
                    ? sender.editCaption(other, original.relayedMessageId(),
                            copy(RelayText.EDITED_COPY, theirs, name, in.text(), OutgoingFile.MAX_CAPTION))
                    : sender.editText(other, original.relayedMessageId(),
                            copy(RelayText.EDITED_COPY, theirs, name, in.text(), MAX_TEXT));
            count("EDIT", edited ? "sent" : "failed");
            if (edited) {
                latency.record(Duration.between(in.receivedAt(), Instant.now()));
            }
            return;
        }
        LOG.debugf("Telegram user %d edited message %d, which was not relayed; ignored", user, in.messageId());
    }

    /**
     * A copy: the sender's name in bold, then the text, both escaped; the text is cut so that the visible copy
     * stays within Telegram's {@code limit} and its HTML within what a message may carry (escaping makes it longer).
     */
    static String copy(RelayText template, Language language, String name, String text, int limit) {
        String who = cut(name, MAX_NAME);
        int htmlRoom = MAX_TEXT - template.in(language, who, "").length();
        return template.in(language, who, fit(text == null ? "" : text, limit - who.length() - TEMPLATE_ROOM,
                htmlRoom));
    }

    /** The longest start of {@code text} (with an ellipsis when cut) within both limits; never half a pair. */
    static String fit(String text, int visibleRoom, int htmlRoom) {
        if (text.length() <= visibleRoom && Html.escape(text).length() <= htmlRoom) {
            return text;
        }
        int html = 1;
        int end = 0;
        while (end < text.length() && end + 1 < visibleRoom) {
            int grown = html + Html.escape(text.substring(end, end + 1)).length();
            if (grown > htmlRoom) {
                break;
            }
            html = grown;
            end++;
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** At most {@code max} characters, the last of them an ellipsis when something was cut; never half a pair. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        if (max <= 1) {
            return max == 1 ? "…" : "";
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /** The name the accept fixed for the sender; their Telegram first name if there was none. */
    private static String nameOf(RelayChats.Chat chat, Incoming in) {
        String name = chat.nameOf(in.userId());
        return name == null || name.isBlank() ? in.firstName() == null ? "" : in.firstName() : name;
    }

    private void tell(Incoming in, String html) {
        sender.send(OutgoingMessage.text(in.chatId(), html));
    }

    private static Language language(Incoming in) {
        return Language.of(in.languageCode());
    }

    private void count(String kind, String outcome) {
        metrics.counter("bot.consultation.relayed", "kind", kind.toLowerCase(Locale.ROOT), "outcome",
                outcome).increment();
    }
}
