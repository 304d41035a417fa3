package ua.itdesk.bot.telegram;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.crypto.SealedColumn;
import ua.itdesk.bot.db.Jdbc;

/**
 * The rows of {@code outgoing_messages} (V7). Each call is its own transaction, committed when it returns, whatever
 * transaction the caller is in: a message queued is a message kept.
 */
final class OutboxStore {

    /** A claimed message, decrypted; {@code message} null when it could not be read. */
    record Claimed(long id, long chatId, OutgoingMessage message, int attempts) {
    }

    private static final int MAX_ERROR = 300;

    private final DataSource db;
    private final FieldCipher cipher;

    OutboxStore(DataSource db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /** Queues the message behind the chat's earlier ones; returns its id. */
    long enqueue(OutgoingMessage message) {
        return QuarkusTransaction.requiringNew().call(() -> Jdbc.with(db, c -> {
            long id = Jdbc.query(c, "SELECT nextval('outgoing_messages_seq') AS id", r -> r.getLong("id")).get(0);
            byte[] payload = cipher.encrypt(OutboxPayload.write(message), SealedColumn.OUTGOING_MESSAGE.context(id));
            Jdbc.update(c, "INSERT INTO outgoing_messages (id, chat_id, payload_ciphertext) VALUES (?, ?, ?)", id,
                    message.chatId(), payload);
            return id;
        }));
    }

    /**
     * Claims up to {@code limit} messages that are due, each the oldest waiting one of its chat, for {@code lease};
     * rows another instance holds are skipped (R4). Chats in {@code skipChats} are left for later.
     */
    List<Claimed> claim(int limit, Duration lease, Collection<Long> skipChats) {
        return QuarkusTransaction.requiringNew().call(() -> Jdbc.with(db, c -> Jdbc.query(c, """
                UPDATE outgoing_messages SET locked_until = now() + ? * interval '1 millisecond'
                WHERE id IN (
                    SELECT o.id FROM outgoing_messages o
                    WHERE o.status = 'PENDING' AND o.next_attempt_at <= now()
                      AND (o.locked_until IS NULL OR o.locked_until < now())
                      AND NOT (o.chat_id = ANY (?))
                      AND NOT EXISTS (SELECT 1 FROM outgoing_messages e
                                      WHERE e.chat_id = o.chat_id AND e.status = 'PENDING' AND e.id < o.id)
                    ORDER BY o.id
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, chat_id, payload_ciphertext, attempts, created_at
                """, r -> {
                    long id = r.getLong("id");
                    OutgoingMessage m;
                    try {
                        m = OutboxPayload.read(r.getLong("chat_id"), cipher.decrypt(r.getBytes("payload_ciphertext"),
                                SealedColumn.OUTGOING_MESSAGE.context(id)));
                    } catch (RuntimeException e) {
                        // a retired key or a damaged row: given up by the caller rather than claimed forever
                        m = null;
                    }
                    return new Claimed(id, r.getLong("chat_id"), m, r.getInt("attempts"));
                }, lease.toMillis(), c.createArrayOf("bigint", skipChats.toArray()), limit)))
                .stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    void delivered(long id) {
        QuarkusTransaction.requiringNew().run(() -> Jdbc.with(db,
                c -> Jdbc.update(c, "DELETE FROM outgoing_messages WHERE id = ?", id)));
    }

    /** Back in the queue at its place, due after {@code delay}; {@code attempt} counts towards the backoff. */
    void retryLater(long id, Duration delay, boolean attempt, String error) {
        QuarkusTransaction.requiringNew().run(() -> Jdbc.with(db, c -> Jdbc.update(c, """
                UPDATE outgoing_messages SET locked_until = NULL, attempts = attempts + ?,
                       next_attempt_at = now() + ? * interval '1 millisecond', last_error = ?
                WHERE id = ?""", attempt ? 1 : 0, delay.toMillis(), cut(error), id)));
    }

    /** Given up: the text goes, the row stays for the operator until {@link #purgeFailed}. */
    void failed(long id, String error) {
        QuarkusTransaction.requiringNew().run(() -> Jdbc.with(db, c -> Jdbc.update(c, """
                UPDATE outgoing_messages SET status = 'FAILED', payload_ciphertext = NULL, locked_until = NULL,
                       failed_at = now(), last_error = ?
                WHERE id = ?""", cut(error), id)));
    }

    /** Lets go of claimed rows not yet sent (a stopping instance), so that another takes them at once. */
    void release(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> Jdbc.with(db, c -> Jdbc.update(c,
                "UPDATE outgoing_messages SET locked_until = NULL WHERE id = ANY (?)",
                c.createArrayOf("bigint", ids.toArray()))));
    }

    /** Gives up waiting rows older than {@code maxAge}; returns how many. */
    int expire(Duration maxAge) {
        return QuarkusTransaction.requiringNew().call(() -> Jdbc.with(db, c -> Jdbc.update(c, """
                UPDATE outgoing_messages SET status = 'FAILED', payload_ciphertext = NULL, locked_until = NULL,
                       failed_at = now(), last_error = 'not delivered within bot.telegram.outgoing.max-age'
                WHERE status = 'PENDING' AND created_at < now() - ? * interval '1 millisecond'
                  AND (locked_until IS NULL OR locked_until < now())""", maxAge.toMillis())));
    }

    /** Deletes failed rows older than {@code retention}; returns how many. */
    int purgeFailed(Duration retention) {
        return QuarkusTransaction.requiringNew().call(() -> Jdbc.with(db, c -> Jdbc.update(c,
                "DELETE FROM outgoing_messages WHERE status = 'FAILED' AND failed_at < now() - ? * interval '1 millisecond'",
                retention.toMillis())));
    }

    /** Messages waiting, over all instances. */
    int backlog() {
        return Jdbc.with(db, c -> Jdbc.query(c,
                "SELECT count(*) AS n FROM outgoing_messages WHERE status = 'PENDING'", r -> r.getInt("n")).get(0));
    }

    /** How long the oldest waiting message has waited, in seconds (0 when none waits). */
    double oldestAgeSeconds() {
        return Jdbc.with(db, c -> Jdbc.query(c, "SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS age"
                + " FROM outgoing_messages WHERE status = 'PENDING'", r -> r.getDouble("age")).get(0));
    }

    /** Whether the chat has messages waiting (a synchronous send waits for them, to keep the chat's order). */
    boolean hasWaiting(long chatId) {
        return !Jdbc.with(db, c -> Jdbc.query(c,
                "SELECT 1 AS x FROM outgoing_messages WHERE chat_id = ? AND status = 'PENDING' LIMIT 1",
                r -> r.getInt("x"), chatId)).isEmpty();
    }

    private static String cut(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}
