package ua.itdesk.bot.consultation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.crypto.SealedColumn;
import ua.itdesk.bot.db.Jdbc;

/**
 * CHAT_MESSAGES (C4, Z4): every message of a consultation in the order it was relayed, with the bot's own notes
 * (closing comment, rating) in the same sequence, so that the synchronisation writes them to Jira in that order.
 * Texts and file names are encrypted, bound to their chat and sequence number.
 */
@ApplicationScoped
public class ChatMessages {

    /** What a row holds. NOTE is written by the bot itself (sender SYSTEM). */
    public enum Kind {
        TEXT, PHOTO, DOCUMENT, VOICE, NOTE
    }

    /** Who wrote it. */
    public enum Side {
        EMPLOYEE, SPECIALIST, SYSTEM
    }

    /**
     * A message to append.
     *
     * @param sender          the sender's Telegram id; 0 for SYSTEM
     * @param text            the text or caption, may be null for files
     * @param fileId          Telegram's file id of a photo, document or voice note, else null
     * @param sourceMessageId the message in the sender's chat; null for notes
     * @param editOfSeq       the sequence number of the message this edits, else null
     */
    public record NewMessage(long sessionId, long sender, Side side, Kind kind, String text, String fileId,
            String fileName, String mimeType, Long fileSize, Long sourceMessageId, Integer editOfSeq) {

        /** A line of the bot's own for the request (closing comment, rating). */
        public static NewMessage note(long sessionId, String text) {
            return new NewMessage(sessionId, 0, Side.SYSTEM, Kind.NOTE, text, null, null, null, null, null, null);
        }
    }

    private final DataSource db;
    private final FieldCipher cipher;

    ChatMessages(DataSource db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /**
     * Appends a message with the next sequence number of its chat and returns that number. The chat's row is locked
     * for the numbering, so two messages of one chat never get the same number, whichever instance relays them; a
     * message from a person (not a note) also moves the chat's idle timer.
     */
    @Transactional
    public int append(NewMessage m) {
        return Jdbc.with(db, c -> {
            List<Integer> next = Jdbc.query(c, """
                    SELECT COALESCE((SELECT MAX(seq) FROM chat_messages WHERE chat_session_id = s.id), 0) + 1
                    FROM chat_sessions s WHERE s.id = ? FOR NO KEY UPDATE""", r -> r.getInt(1), m.sessionId());
            if (next.isEmpty()) {
                throw new IllegalArgumentException("no chat session " + m.sessionId());
            }
            int seq = next.get(0);
            Jdbc.update(c, """
                    INSERT INTO chat_messages (chat_session_id, seq, sender_telegram_user_id, sender_side, kind,
                        body_ciphertext, telegram_file_id, file_name_ciphertext, mime_type, file_size,
                        source_message_id, edit_of_seq, created_at, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())""",
                    m.sessionId(), seq, m.sender(), m.side().name(), m.kind().name(),
                    m.text() == null ? null : cipher.encrypt(m.text(), bodyContext(m.sessionId(), seq)),
                    m.fileId(), m.fileName() == null ? null : cipher.encrypt(m.fileName(),
                            fileNameContext(m.sessionId(), seq)),
                    m.mimeType(), m.fileSize(), m.sourceMessageId(), m.editOfSeq());
            if (m.kind() != Kind.NOTE) {
                Jdbc.update(c, "UPDATE chat_sessions SET last_message_at = now() WHERE id = ?", m.sessionId());
            }
            return seq;
        });
    }

    /** Records the copy of message {@code seq} in the other side's chat. */
    @Transactional
    public void relayed(long sessionId, int seq, long relayedMessageId) {
        Jdbc.with(db, c -> Jdbc.update(c,
                "UPDATE chat_messages SET relayed_message_id = ? WHERE chat_session_id = ? AND seq = ?",
                relayedMessageId, sessionId, seq));
    }

    /**
     * The message a Telegram message id stands for in this chat, as seen from one side: either their own message
     * ({@code source_message_id}) or the copy they received ({@code relayed_message_id}).
     *
     * @return the row's sequence number, its source and relayed message ids
     */
    @Transactional
    public Optional<Mapped> byMessageId(long sessionId, long viewer, long messageId) {
        return Jdbc.with(db, c -> Jdbc.query(c, """
                SELECT seq, sender_telegram_user_id, source_message_id, relayed_message_id FROM chat_messages
                WHERE chat_session_id = ? AND edit_of_seq IS NULL
                  AND ((sender_telegram_user_id = ? AND source_message_id = ?)
                       OR (sender_telegram_user_id <> ? AND relayed_message_id = ?))
                ORDER BY seq LIMIT 1""",
                r -> new Mapped(r.getInt("seq"), r.getLong("sender_telegram_user_id"),
                        (Long) r.getObject("source_message_id"), (Long) r.getObject("relayed_message_id")),
                sessionId, viewer, messageId, viewer, messageId)).stream().findFirst();
    }

    /** A relayed message found by one of its Telegram ids. */
    public record Mapped(int seq, long sender, Long sourceMessageId, Long relayedMessageId) {
    }

    /** Decrypts a row's text or caption. */
    public String body(long sessionId, int seq, byte[] sealed) {
        return sealed == null ? null : cipher.decrypt(sealed, bodyContext(sessionId, seq));
    }

    /** Decrypts a row's file name. */
    public String fileName(long sessionId, int seq, byte[] sealed) {
        return sealed == null ? null : cipher.decrypt(sealed, fileNameContext(sessionId, seq));
    }

    /** Bound to the chat and the position, so a value copied to another row does not decrypt. */
    private static String bodyContext(long sessionId, int seq) {
        return SealedColumn.CHAT_MESSAGE_BODY.context(sessionId, seq);
    }

    private static String fileNameContext(long sessionId, int seq) {
        return SealedColumn.CHAT_MESSAGE_FILE_NAME.context(sessionId, seq);
    }
}
