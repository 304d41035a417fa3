package ua.itdesk.bot.events;

import ua.itdesk.bot.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.crypto.SealedColumn;

/**
 * Replies the agent could not take when they were written (T5): kept encrypted (Z4) until posted or given up, and
 * handed out to one instance at a time for another attempt.
 */
@ApplicationScoped
class PendingReplies {

    /** How long a reply handed out for an attempt stays with that instance before another may try it. */
    private static final java.time.Duration LEASE = java.time.Duration.ofMinutes(2);
    private static final int BATCH = 50;

    /** One kept reply, decrypted. */
    record Reply(long id, long telegramUserId, long chatId, String key, String body, Language language,
                 Instant createdAt, int attempts) {
    }

    private final DataSource db;
    private final FieldCipher cipher;

    PendingReplies(DataSource db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    @Transactional
    void keep(long telegramUserId, long chatId, String key, String body, Language language, Instant firstRetry) {
        byte[] sealed = cipher.encrypt(body, context(telegramUserId, key));
        run(c -> Jdbc.update(c, """
                INSERT INTO pending_replies (telegram_user_id, chat_id, ticket_key, body_ciphertext, language,
                                             created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, now(), ?)""", telegramUserId, chatId, key, sealed, language.code(),
                firstRetry));
    }

    /** Replies due for another attempt, leased to this instance for a while so no other instance posts them too. */
    @Transactional
    List<Reply> takeDue() {
        return run(c -> Jdbc.query(c, """
                UPDATE pending_replies SET attempts = attempts + 1, next_attempt_at = ?
                WHERE id IN (SELECT id FROM pending_replies WHERE next_attempt_at <= now()
                             ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, telegram_user_id, chat_id, ticket_key, body_ciphertext, language, created_at, attempts""",
                r -> new Reply(r.getLong("id"), r.getLong("telegram_user_id"), r.getLong("chat_id"),
                        r.getString("ticket_key"),
                        cipher.decrypt(r.getBytes("body_ciphertext"),
                                context(r.getLong("telegram_user_id"), r.getString("ticket_key"))),
                        Language.fromCode(r.getString("language")), Jdbc.instant(r, "created_at"),
                        r.getInt("attempts")),
                Instant.now().plus(LEASE), BATCH));
    }

    @Transactional
    void retryAt(long id, Instant at) {
        run(c -> Jdbc.update(c, "UPDATE pending_replies SET next_attempt_at = ? WHERE id = ?", at, id));
    }

    @Transactional
    void done(long id) {
        run(c -> Jdbc.update(c, "DELETE FROM pending_replies WHERE id = ?", id));
    }

    /** Bound to the person and the request, so a value copied to another row does not decrypt. */
    private static String context(long telegramUserId, String key) {
        return SealedColumn.PENDING_REPLY.context(telegramUserId, key);
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.with(db, work);
    }
}
