package ua.itdesk.bot.events;

import ua.itdesk.bot.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import ua.itdesk.bot.conversation.Language;

/**
 * The memory behind de-duplication and reply routing: tracked requests with the last status and assignee people
 * were told about, ids of notified events, and which Telegram message notified whom about which request. Each
 * claim is one atomic statement, so two instances, or the stream and reconciliation, never both win it.
 */
@ApplicationScoped
class NotificationStore {

    /** Where to reach one person: their Telegram account, its private chat, their language. */
    record Recipient(long telegramUserId, long chatId, Language language) {
    }

    private final DataSource db;

    NotificationStore(DataSource db) {
        this.db = db;
    }

    /** Starts tracking a request (or completes what is known about it) without claiming anything. */
    @Transactional
    void track(String key, String reporter, String status, boolean done) {
        run(c -> Jdbc.update(c, """
                INSERT INTO tracked_requests (ticket_key, reporter_employee_id, last_status, done, updated_at)
                VALUES (?, ?, ?, ?, now())
                ON CONFLICT (ticket_key) DO UPDATE SET
                    reporter_employee_id = COALESCE(tracked_requests.reporter_employee_id,
                                                    EXCLUDED.reporter_employee_id),
                    last_status = COALESCE(tracked_requests.last_status, EXCLUDED.last_status),
                    done = CASE WHEN tracked_requests.last_status IS NULL THEN EXCLUDED.done
                                ELSE tracked_requests.done END,
                    updated_at = now()""", key, reporter, status, done));
    }

    /**
     * Records {@code status} as what the requester was told, unless it already is, or a newer status is recorded.
     * A won claim also updates the "my requests" cache, which lists the status.
     *
     * @return whether the requester should be told now
     */
    @Transactional
    boolean claimStatus(String key, String reporter, String status, Instant at, boolean done) {
        return run(c -> {
            int won = Jdbc.update(c, """
                    INSERT INTO tracked_requests
                        (ticket_key, reporter_employee_id, last_status, status_at, done, last_event_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, now())
                    ON CONFLICT (ticket_key) DO UPDATE SET
                        reporter_employee_id = COALESCE(EXCLUDED.reporter_employee_id,
                                                        tracked_requests.reporter_employee_id),
                        last_status = EXCLUDED.last_status,
                        status_at = COALESCE(EXCLUDED.status_at, tracked_requests.status_at),
                        done = EXCLUDED.done,
                        last_event_at = GREATEST(tracked_requests.last_event_at, EXCLUDED.last_event_at),
                        updated_at = now()
                    WHERE tracked_requests.last_status IS DISTINCT FROM EXCLUDED.last_status
                      AND (tracked_requests.status_at IS NULL OR EXCLUDED.status_at IS NULL
                           OR EXCLUDED.status_at >= tracked_requests.status_at)""",
                    key, reporter, status, at, done, at);
            if (won > 0) {
                Jdbc.update(c, "UPDATE tickets_cache SET status = ? WHERE ticket_key = ?", status, key);
            }
            return won > 0;
        });
    }

    /**
     * Records {@code assignee} (null: unassigned) as the request's assignee, unless it already is, or a newer
     * assignment is recorded.
     *
     * @return whether the assignee should be told now
     */
    @Transactional
    boolean claimAssignee(String key, String reporter, String assignee, Instant at) {
        return run(c -> Jdbc.update(c, """
                INSERT INTO tracked_requests
                    (ticket_key, reporter_employee_id, assignee_employee_id, assigned_at, last_event_at, updated_at)
                VALUES (?, ?, ?, ?, ?, now())
                ON CONFLICT (ticket_key) DO UPDATE SET
                    reporter_employee_id = COALESCE(EXCLUDED.reporter_employee_id,
                                                    tracked_requests.reporter_employee_id),
                    assignee_employee_id = EXCLUDED.assignee_employee_id,
                    assigned_at = COALESCE(EXCLUDED.assigned_at, tracked_requests.assigned_at),
                    last_event_at = GREATEST(tracked_requests.last_event_at, EXCLUDED.last_event_at),
                    updated_at = now()
                WHERE tracked_requests.assignee_employee_id IS DISTINCT FROM EXCLUDED.assignee_employee_id
                  AND (tracked_requests.assigned_at IS NULL OR EXCLUDED.assigned_at IS NULL
                       OR EXCLUDED.assigned_at >= tracked_requests.assigned_at)""",
                key, reporter, assignee, at, at) > 0);
    }

    /** Claims an event by id (comments, "no specialist available"): true only the first time. */
    @Transactional
    boolean claimEvent(String eventId, String key) {
        return run(c -> Jdbc.update(c, """
                INSERT INTO notified_events (event_id, ticket_key, notified_at) VALUES (?, ?, now())
                ON CONFLICT (event_id) DO NOTHING""", eventId, key) > 0);
    }

    /** Every Telegram account bound to the employee (people can use more than one device's account). */
    @Transactional
    List<Recipient> accountsOf(String employeeId) {
        return run(c -> Jdbc.query(c, """
                SELECT u.telegram_user_id, COALESCE(s.chat_id, u.telegram_user_id) AS chat_id, u.language
                FROM users_telegram u LEFT JOIN user_sessions s ON s.telegram_user_id = u.telegram_user_id
                WHERE u.employee_id = ? ORDER BY u.telegram_user_id""", NotificationStore::recipient, employeeId));
    }

    /** Supervisors with a live login. */
    @Transactional
    List<Recipient> loggedInSupervisors() {
        return run(c -> Jdbc.query(c, """
                SELECT u.telegram_user_id, s.chat_id, u.language
                FROM users_telegram u JOIN user_sessions s ON s.telegram_user_id = u.telegram_user_id
                WHERE u.role = 'SUPERVISOR' AND s.token_ciphertext IS NOT NULL AND s.expires_at > now()
                ORDER BY u.telegram_user_id""", NotificationStore::recipient));
    }

    @Transactional
    void rememberMessage(long chatId, long messageId, long telegramUserId, String key) {
        run(c -> Jdbc.update(c, """
                INSERT INTO notification_messages (chat_id, message_id, telegram_user_id, ticket_key, sent_at)
                VALUES (?, ?, ?, ?, now()) ON CONFLICT DO NOTHING""", chatId, messageId, telegramUserId, key));
    }

    /** The request a notification message of this person was about, while it may still be replied to. */
    @Transactional
    Optional<String> requestOfMessage(long chatId, long messageId, long telegramUserId, Instant notBefore) {
        return run(c -> Jdbc.query(c, """
                SELECT ticket_key FROM notification_messages
                WHERE chat_id = ? AND message_id = ? AND telegram_user_id = ? AND sent_at >= ?""",
                r -> r.getString(1), chatId, messageId, telegramUserId, notBefore)).stream().findFirst();
    }

    /** Keys of the tracked requests that are not done yet, oldest first. */
    @Transactional
    List<String> openKeys() {
        return run(c -> Jdbc.query(c, "SELECT ticket_key FROM tracked_requests WHERE NOT done ORDER BY updated_at",
                r -> r.getString(1)));
    }

    /** When the last event the bot saw happened, else when the oldest open request was last touched. */
    @Transactional
    Optional<Instant> knownUntil() {
        return run(c -> Jdbc.query(c, """
                SELECT COALESCE((SELECT last_event_at FROM event_stream WHERE id = 1),
                                (SELECT min(updated_at) FROM tracked_requests WHERE NOT done)) AS at""",
                r -> Jdbc.instant(r, "at"))).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /**
     * Forgets what is older than {@code before}: notification messages (no longer replyable), notified event ids,
     * and requests finished, or not heard of, since then.
     *
     * @return rows removed per table: messages, events, requests
     */
    @Transactional
    int[] purge(Instant before) {
        return run(c -> new int[] {
                Jdbc.update(c, "DELETE FROM notification_messages WHERE sent_at < ?", before),
                Jdbc.update(c, "DELETE FROM notified_events WHERE notified_at < ?", before),
                Jdbc.update(c, "DELETE FROM tracked_requests WHERE updated_at < ?", before)});
    }

    private static Recipient recipient(java.sql.ResultSet r) throws SQLException {
        return new Recipient(r.getLong("telegram_user_id"), r.getLong("chat_id"),
                Language.fromCode(r.getString("language")));
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.with(db, work);
    }
}
