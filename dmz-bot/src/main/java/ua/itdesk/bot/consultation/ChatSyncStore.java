package ua.itdesk.bot.consultation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import ua.itdesk.bot.consultation.ChatMessages.Kind;
import ua.itdesk.bot.consultation.ChatMessages.Side;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.db.Jdbc;

/**
 * The synchronisation's view of CHAT_MESSAGES: which chats are due, their unsynced rows in order, and the outcome
 * of each write. Every statement is short; nothing here is held open while Jira is called, so the relay, which
 * only inserts rows, never waits for Jira.
 */
@ApplicationScoped
class ChatSyncStore {

    /** A chat handed to this instance: its pending rows up to {@code lastSeq} are leased to it. */
    record Claim(long sessionId, int lastSeq) {
    }

    /** What the transcript and the audit need of a chat. */
    record Chat(long sessionId, String ticketKey, String employeeName, String specialistName,
                long employeeTelegramId, String employeeId) {
    }

    /** An unsynced row; text and file name still sealed. */
    record Row(int seq, Side side, Kind kind, Instant createdAt, byte[] body, byte[] fileName, String fileId,
               String mimeType, Long fileSize, Integer editOf, String syncKey, int attempts) {
    }

    private final DataSource db;
    private final FieldCipher cipher;

    ChatSyncStore(DataSource db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /**
     * Leases up to {@code chats} due chats to this instance: their pending rows get {@code next_attempt_at} in
     * {@code lease}, so no other instance finds them due. A chat is due when its first pending row is due (not
     * waiting after a failure) and the chat has paused ({@code delay} since its newest pending row), waited long
     * enough ({@code maxDelay} since its oldest) or ended. The first pending row is locked with SKIP LOCKED, so two
     * instances claiming at once never both take a chat; the chat's own row is not locked, so the relay's numbering
     * of new messages goes on meanwhile.
     */
    @Transactional
    List<Claim> claim(int chats, Duration lease, Duration delay, Duration maxDelay) {
        Instant now = Instant.now();
        List<long[]> leased = run(c -> {
            List<Long> due = Jdbc.query(c, """
                    SELECT f.chat_session_id FROM chat_messages f JOIN chat_sessions s ON s.id = f.chat_session_id
                    WHERE f.sync_status = 'PENDING' AND f.next_attempt_at <= ?
                      AND NOT EXISTS (SELECT 1 FROM chat_messages e WHERE e.chat_session_id = f.chat_session_id
                                      AND e.sync_status = 'PENDING' AND e.seq < f.seq)
                      AND (s.status = 'ENDED' OR f.created_at <= ?
                           OR (SELECT MAX(l.created_at) FROM chat_messages l
                               WHERE l.chat_session_id = f.chat_session_id AND l.sync_status = 'PENDING') <= ?)
                    ORDER BY f.next_attempt_at, f.chat_session_id
                    LIMIT ?
                    FOR UPDATE OF f SKIP LOCKED""",
                    r -> r.getLong(1), now, now.minus(maxDelay), now.minus(delay), chats);
            if (due.isEmpty()) {
                return List.of();
            }
            return Jdbc.query(c, """
                    UPDATE chat_messages SET next_attempt_at = ?
                    WHERE chat_session_id = ANY (?) AND sync_status = 'PENDING'
                    RETURNING chat_session_id, seq""",
                    r -> new long[] {r.getLong(1), r.getInt(2)}, now.plus(lease),
                    c.createArrayOf("bigint", due.toArray()));
        });
        Map<Long, Integer> last = new LinkedHashMap<>();
        for (long[] row : leased) {
            last.merge(row[0], (int) row[1], Math::max);
        }
        return last.entrySet().stream().map(e -> new Claim(e.getKey(), e.getValue())).toList();
    }

    @Transactional
    Optional<Chat> chat(long sessionId) {
        return run(c -> Jdbc.query(c, """
                SELECT ticket_key, employee_name_ciphertext, specialist_name_ciphertext, employee_telegram_user_id,
                       employee_id FROM chat_sessions WHERE id = ?""",
                r -> new Chat(sessionId, r.getString("ticket_key"),
                        name(r.getBytes("employee_name_ciphertext"),
                                ConsultationStore.employeeNameContext(sessionId), "Employee"),
                        name(r.getBytes("specialist_name_ciphertext"),
                                ConsultationStore.specialistNameContext(sessionId), "Specialist"),
                        r.getLong("employee_telegram_user_id"), r.getString("employee_id")),
                sessionId)).stream().findFirst();
    }

    /** The chat's pending rows up to {@code lastSeq}, in order, at most {@code limit}. */
    @Transactional
    List<Row> pending(long sessionId, int lastSeq, int limit) {
        return run(c -> Jdbc.query(c, """
                SELECT seq, sender_side, kind, created_at, body_ciphertext, file_name_ciphertext, telegram_file_id,
                       mime_type, file_size, edit_of_seq, sync_key, sync_attempts
                FROM chat_messages WHERE chat_session_id = ? AND sync_status = 'PENDING' AND seq <= ?
                ORDER BY seq LIMIT ?""",
                r -> new Row(r.getInt("seq"), Side.valueOf(r.getString("sender_side")),
                        Kind.valueOf(r.getString("kind")), Jdbc.instant(r, "created_at"),
                        r.getBytes("body_ciphertext"), r.getBytes("file_name_ciphertext"),
                        r.getString("telegram_file_id"), r.getString("mime_type"),
                        (Long) r.getObject("file_size"), (Integer) r.getObject("edit_of_seq"),
                        r.getString("sync_key"), r.getInt("sync_attempts")),
                sessionId, lastSeq, limit));
    }

    /** Fixes a group before its first write: a retry sends the same rows under the same key. */
    @Transactional
    void fix(long sessionId, int fromSeq, int toSeq, String key) {
        run(c -> Jdbc.update(c, """
                UPDATE chat_messages SET sync_key = ? WHERE chat_session_id = ? AND seq BETWEEN ? AND ?
                  AND sync_status = 'PENDING' AND sync_key IS NULL""", key, sessionId, fromSeq, toSeq));
    }

    /** The group's comment is on the request. */
    @Transactional
    int synced(long sessionId, String key) {
        return run(c -> Jdbc.update(c, """
                UPDATE chat_messages SET sync_status = 'SYNCED', synced_at = now(), last_error = NULL
                WHERE chat_session_id = ? AND sync_key = ? AND sync_status = 'PENDING'""", sessionId, key));
    }

    /**
     * A file is attached; its line (with the caption) still goes into the next comment. Without its file id and
     * key the row is an ordinary line from now on.
     */
    @Transactional
    void attached(long sessionId, int seq) {
        run(c -> Jdbc.update(c, """
                UPDATE chat_messages SET telegram_file_id = NULL, sync_key = NULL, sync_attempts = 0,
                    last_error = NULL WHERE chat_session_id = ? AND seq = ? AND sync_status = 'PENDING'""",
                sessionId, seq));
    }

    /** The group was refused for good: it is given up, the chat goes on. */
    @Transactional
    int failed(long sessionId, String key, String reason) {
        return run(c -> Jdbc.update(c, """
                UPDATE chat_messages SET sync_status = 'FAILED', last_error = ?
                WHERE chat_session_id = ? AND sync_key = ? AND sync_status = 'PENDING'""",
                clip(reason), sessionId, key));
    }

    /**
     * The write could not be made now: the group's attempts are counted, and every leased row of the chat waits
     * until {@code at}, so that nothing after the group overtakes it.
     */
    @Transactional
    void retryAt(long sessionId, String key, int lastSeq, Instant at, String reason) {
        run(c -> {
            Jdbc.update(c, """
                    UPDATE chat_messages SET sync_attempts = sync_attempts + 1, last_error = ?
                    WHERE chat_session_id = ? AND sync_key = ? AND sync_status = 'PENDING'""",
                    clip(reason), sessionId, key);
            return Jdbc.update(c, """
                    UPDATE chat_messages SET next_attempt_at = ?
                    WHERE chat_session_id = ? AND seq <= ? AND sync_status = 'PENDING'""", at, sessionId, lastSeq);
        });
    }

    /** Hands the chat's leased rows that are left back, due again at {@code at}. */
    @Transactional
    void release(long sessionId, int lastSeq, Instant at) {
        run(c -> Jdbc.update(c, """
                UPDATE chat_messages SET next_attempt_at = ?
                WHERE chat_session_id = ? AND seq <= ? AND sync_status = 'PENDING'""", at, sessionId, lastSeq));
    }

    /** Makes a chat's pending rows due at once, waiting pauses included. */
    @Transactional
    int soon(long sessionId) {
        return run(c -> Jdbc.update(c, """
                UPDATE chat_messages SET next_attempt_at = now()
                WHERE chat_session_id = ? AND sync_status = 'PENDING' AND next_attempt_at > now()""", sessionId));
    }

    /** Rows not yet on their request. */
    @Transactional
    long backlog() {
        return run(c -> Jdbc.query(c, "SELECT count(*) FROM chat_messages WHERE sync_status = 'PENDING'",
                r -> r.getLong(1))).get(0);
    }

    /**
     * Z4: forgets the texts, file names and file ids of rows settled before {@code before} (written, or given up
     * and created before it), and deletes the rows of chats that ended before it. The rows of an open chat stay
     * without their content: the relay maps replies and edits through their message ids.
     *
     * @return rows emptied, rows deleted
     */
    @Transactional
    int[] purge(Instant before) {
        return run(c -> {
            int deleted = Jdbc.update(c, """
                    DELETE FROM chat_messages m USING chat_sessions s
                    WHERE s.id = m.chat_session_id AND s.status = 'ENDED' AND s.ended_at < ?
                      AND ((m.sync_status = 'SYNCED' AND m.synced_at < ?)
                           OR (m.sync_status = 'FAILED' AND m.created_at < ?))""", before, before, before);
            int emptied = Jdbc.update(c, """
                    UPDATE chat_messages SET body_ciphertext = NULL, file_name_ciphertext = NULL,
                        telegram_file_id = NULL
                    WHERE ((sync_status = 'SYNCED' AND synced_at < ?) OR (sync_status = 'FAILED' AND created_at < ?))
                      AND (body_ciphertext IS NOT NULL OR file_name_ciphertext IS NOT NULL
                           OR telegram_file_id IS NOT NULL)""", before, before);
            return new int[] {emptied, deleted};
        });
    }

    private String name(byte[] sealed, String context, String fallback) {
        return sealed == null ? fallback : cipher.decrypt(sealed, context);
    }

    /** last_error is VARCHAR(200). */
    private static String clip(String reason) {
        return reason == null || reason.length() <= 200 ? reason : reason.substring(0, 200);
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.with(db, work);
    }
}
