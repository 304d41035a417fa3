package ua.itdesk.bot.consultation;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.crypto.SealedColumn;
import ua.itdesk.bot.db.Jdbc;
import ua.itdesk.contracts.v1.Priority;

/**
 * The consultation tables (V5, V6). Every method runs inside the caller's transaction: the caller decides what is
 * atomic, and sends messages only after its commit. Status changes are conditional on the row's version, and the
 * rows that decide a race are locked ({@code FOR UPDATE}), so of two instances handling the same event one acts.
 */
@ApplicationScoped
class ConsultationStore {

    /** The key of the advisory lock that serialises dispatching the queue across all instances. */
    private static final long QUEUE_LOCK = 0x636f6e73756c74L;

    private static final String CONSULTATION_COLUMNS = """
            id, ticket_key, employee_telegram_user_id, employee_id, priority, status, enqueued_at, last_position,
            version, updated_at""";
    private static final String OFFER_COLUMNS = """
            id, consultation_id, specialist_employee_id, specialist_telegram_user_id, telegram_message_id, expires_at,
            outcome""";
    private static final String CHAT_COLUMNS = """
            id, consultation_id, ticket_key, employee_telegram_user_id, specialist_telegram_user_id, employee_id,
            specialist_employee_id, started_at, last_message_at, employee_name_ciphertext, specialist_name_ciphertext""";

    record Consultation(long id, String key, long employeeTelegramUserId, String employeeId, Priority priority,
            ConsultationState state, Instant enqueuedAt, Integer lastPosition, int version, Instant updatedAt) {

        ConsultationQueue.Entry entry() {
            return new ConsultationQueue.Entry(id, priority, enqueuedAt);
        }
    }

    record Offer(long id, long consultationId, String specialistEmployeeId, long specialistTelegramUserId,
            Long messageId, Instant expiresAt, String outcome) {

        boolean pending() {
            return "PENDING".equals(outcome);
        }

        Offer withMessageId(long telegramMessageId) {
            return new Offer(id, consultationId, specialistEmployeeId, specialistTelegramUserId, telegramMessageId,
                    expiresAt, outcome);
        }
    }

    /** A chat with the names as the two sides see each other. */
    record Chat(long id, Long consultationId, String key, long employeeTelegramUserId, long specialistTelegramUserId,
            String employeeId, String specialistEmployeeId, Instant startedAt, Instant lastMessageAt,
            String employeeName, String specialistName) {

        boolean involves(long telegramUserId) {
            return telegramUserId == employeeTelegramUserId || telegramUserId == specialistTelegramUserId;
        }
    }

    private final DataSource db;
    private final FieldCipher cipher;

    ConsultationStore(DataSource db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /** The request key of a consultation. */
    String key(long consultationId) {
        return run(c -> Jdbc.query(c, "SELECT ticket_key FROM consultation_requests WHERE id = ?", r -> r.getString(1),
                consultationId)).get(0);
    }

    /** Forgets the position last told, so that the next dispatch tells it again (the employee asked for it). */
    void forgetPosition(long consultationId) {
        run(c -> Jdbc.update(c, "UPDATE consultation_requests SET last_position = NULL WHERE id = ?", consultationId));
    }

    /** Chats going on now, over all instances. */
    int activeChats() {
        return run(c -> Jdbc.query(c, "SELECT count(*) AS n FROM chat_sessions WHERE status = 'ACTIVE'",
                r -> r.getInt("n"))).get(0);
    }

    boolean hasActiveChatAsSpecialist(String specialistEmployeeId) {
        return !run(c -> Jdbc.query(c, "SELECT 1 FROM chat_sessions WHERE status = 'ACTIVE'"
                + " AND specialist_employee_id = ? LIMIT 1", r -> 1, specialistEmployeeId)).isEmpty();
    }

    /** Waits for the queue lock, held until the transaction ends. */
    void lockQueue() {
        run(c -> Jdbc.query(c, "SELECT pg_advisory_xact_lock(?)", r -> 1, QUEUE_LOCK));
    }

    /** A new consultation in QUEUED; empty when the employee already has an open one (the unique index says). */
    Optional<Consultation> begin(String key, long employeeTelegramUserId, String employeeId, Priority priority) {
        return run(c -> Jdbc.query(c, """
                INSERT INTO consultation_requests (ticket_key, employee_telegram_user_id, employee_id, priority,
                    status, enqueued_at, updated_at)
                VALUES (?, ?, ?, ?, 'QUEUED', now(), now())
                ON CONFLICT (employee_telegram_user_id) WHERE status IN ('QUEUED', 'OFFERED', 'ACTIVE') DO NOTHING
                RETURNING""" + " " + CONSULTATION_COLUMNS, ConsultationStore::consultation, key,
                employeeTelegramUserId, employeeId, priority == null ? null : priority.name()))
                .stream().findFirst();
    }

    Optional<Consultation> openFor(long employeeTelegramUserId) {
        return one("SELECT " + CONSULTATION_COLUMNS + " FROM consultation_requests WHERE employee_telegram_user_id = ?"
                + " AND status IN ('QUEUED', 'OFFERED', 'ACTIVE')", employeeTelegramUserId);
    }

    /** The consultation, its row locked for the rest of the transaction. */
    Optional<Consultation> lock(long id) {
        return one("SELECT " + CONSULTATION_COLUMNS + " FROM consultation_requests WHERE id = ? FOR UPDATE", id);
    }

    /** The waiting consultations (a few rows: read whole, ordered by {@link ConsultationQueue}). */
    List<Consultation> queued() {
        return run(c -> Jdbc.query(c, "SELECT " + CONSULTATION_COLUMNS
                + " FROM consultation_requests WHERE status = 'QUEUED'", ConsultationStore::consultation));
    }

    boolean anyQueued() {
        return !run(c -> Jdbc.query(c, "SELECT 1 FROM consultation_requests WHERE status = 'QUEUED' LIMIT 1",
                r -> 1)).isEmpty();
    }

    /** Open consultations of a request that have not become a chat, locked. */
    List<Consultation> waitingFor(String key) {
        return run(c -> Jdbc.query(c, "SELECT " + CONSULTATION_COLUMNS + " FROM consultation_requests"
                        + " WHERE ticket_key = ? AND status IN ('QUEUED', 'OFFERED') FOR UPDATE",
                ConsultationStore::consultation, key));
    }

    /** Moves {@code c} to {@code next} if nobody changed it since it was read; false when somebody did. */
    boolean move(Consultation c, ConsultationState next, String closedReason) {
        return run(conn -> Jdbc.update(conn, """
                UPDATE consultation_requests SET status = ?, version = version + 1, updated_at = now(),
                    closed_at = CASE WHEN ? THEN now() END, closed_reason = ?
                WHERE id = ? AND version = ?""", next.name(), next.isFinal(), closedReason, c.id(), c.version())) == 1;
    }

    void tellPosition(long consultationId, int position) {
        run(c -> Jdbc.update(c, "UPDATE consultation_requests SET last_position = ? WHERE id = ?", position,
                consultationId));
    }

    /** Rating comment window: opened after a rating, closed (once) by the comment. */
    void openRatingComment(long consultationId, Instant until) {
        run(c -> Jdbc.update(c, "UPDATE consultation_requests SET rating_comment_until = ? WHERE id = ?", until,
                consultationId));
    }

    /** Takes the employee's open rating-comment window, if any: the consultation id and its chat. */
    Optional<long[]> takeRatingComment(long employeeTelegramUserId) {
        return run(c -> Jdbc.query(c, """
                UPDATE consultation_requests r SET rating_comment_until = NULL
                FROM chat_sessions s
                WHERE s.consultation_id = r.id AND r.employee_telegram_user_id = ?
                  AND r.rating_comment_until > now()
                RETURNING r.id, s.id""", row -> new long[] {row.getLong(1), row.getLong(2)},
                employeeTelegramUserId)).stream().findFirst();
    }

    /** ENDED consultations whose rating window has passed, locked (skipping those another instance holds). */
    List<Consultation> unratedBefore(Instant cutoff, int limit) {
        return run(c -> Jdbc.query(c, "SELECT " + CONSULTATION_COLUMNS + " FROM consultation_requests"
                        + " WHERE status = 'ENDED' AND updated_at <= ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                ConsultationStore::consultation, cutoff, limit));
    }

    // --- offers

    Offer offer(long consultationId, String specialistEmployeeId, long specialistTelegramUserId, Instant expiresAt) {
        return run(c -> Jdbc.query(c, """
                INSERT INTO consultation_offers (consultation_id, specialist_employee_id, specialist_telegram_user_id,
                    sent_at, expires_at)
                VALUES (?, ?, ?, now(), ?) RETURNING""" + " " + OFFER_COLUMNS, ConsultationStore::offer,
                consultationId, specialistEmployeeId, specialistTelegramUserId, expiresAt)).get(0);
    }

    void offerMessage(long offerId, long messageId) {
        run(c -> Jdbc.update(c, "UPDATE consultation_offers SET telegram_message_id = ? WHERE id = ?", messageId,
                offerId));
    }

    Optional<Offer> lockOffer(long offerId) {
        return run(c -> Jdbc.query(c, "SELECT " + OFFER_COLUMNS + " FROM consultation_offers WHERE id = ? FOR UPDATE",
                ConsultationStore::offer, offerId)).stream().findFirst();
    }

    /** Closes a pending offer with {@code outcome}; false when it was no longer pending. */
    boolean answer(long offerId, String outcome) {
        return run(c -> Jdbc.update(c, "UPDATE consultation_offers SET outcome = ?, answered_at = now()"
                + " WHERE id = ? AND outcome = 'PENDING'", outcome, offerId)) == 1;
    }

    /** Withdraws the pending offer of a consultation; returns it (for editing its message), if there was one. */
    Optional<Offer> withdraw(long consultationId) {
        return run(c -> Jdbc.query(c, "UPDATE consultation_offers SET outcome = 'WITHDRAWN', answered_at = now()"
                        + " WHERE consultation_id = ? AND outcome = 'PENDING' RETURNING " + OFFER_COLUMNS,
                ConsultationStore::offer, consultationId)).stream().findFirst();
    }

    List<Offer> pendingOffersOf(String specialistEmployeeId) {
        return run(c -> Jdbc.query(c, "SELECT " + OFFER_COLUMNS + " FROM consultation_offers"
                        + " WHERE specialist_employee_id = ? AND outcome = 'PENDING' ORDER BY id FOR UPDATE",
                ConsultationStore::offer, specialistEmployeeId));
    }

    List<Offer> expiredOffers(int limit) {
        return run(c -> Jdbc.query(c, "SELECT " + OFFER_COLUMNS + " FROM consultation_offers"
                        + " WHERE outcome = 'PENDING' AND expires_at <= now() ORDER BY expires_at LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED", ConsultationStore::offer, limit));
    }

    /** Specialists who declined or let an offer of this consultation lapse since {@code since}. */
    Set<String> passedSince(long consultationId, Instant since) {
        return new HashSet<>(run(c -> Jdbc.query(c, """
                SELECT DISTINCT specialist_employee_id FROM consultation_offers
                WHERE consultation_id = ? AND outcome IN ('DECLINED', 'TIMED_OUT') AND answered_at > ?""",
                r -> r.getString(1), consultationId, since)));
    }

    /** How many offers this consultation has had (the first one is announced to the employee). */
    int offerCount(long consultationId) {
        return run(c -> Jdbc.query(c, "SELECT count(*) FROM consultation_offers WHERE consultation_id = ?",
                r -> r.getInt(1), consultationId)).get(0);
    }

    /** Specialists who hold an open offer: they answer one at a time, whatever their limit (a unique index). */
    Set<String> withPendingOffer() {
        return new HashSet<>(run(c -> Jdbc.query(c, "SELECT specialist_employee_id FROM consultation_offers"
                + " WHERE outcome = 'PENDING'", r -> r.getString(1))));
    }

    /** Per specialist employee id: active chats plus pending offers, the load counted against the limit. */
    Map<String, Integer> loads() {
        Map<String, Integer> load = new HashMap<>();
        run(c -> Jdbc.query(c, """
                SELECT specialist_employee_id, count(*) FROM chat_sessions
                WHERE status = 'ACTIVE' AND specialist_employee_id IS NOT NULL GROUP BY specialist_employee_id
                UNION ALL
                SELECT specialist_employee_id, count(*) FROM consultation_offers
                WHERE outcome = 'PENDING' GROUP BY specialist_employee_id""",
                r -> load.merge(r.getString(1), r.getInt(2), Integer::sum)));
        return load;
    }

    // --- chats

    /**
     * Opens the chat of an accepted offer in the specialist's lowest free slot below {@code limit}; empty when they
     * have none (at their limit). The unique index on the slot refuses a chat that a concurrent accept took first.
     */
    Optional<Long> openChat(Consultation c, Offer o, int limit, String employeeName, String specialistName) {
        return run(conn -> {
            List<Integer> slot = Jdbc.query(conn, """
                    SELECT s FROM generate_series(0, ? - 1) s
                    WHERE s NOT IN (SELECT specialist_slot FROM chat_sessions
                                    WHERE specialist_telegram_user_id = ? AND status = 'ACTIVE')
                    ORDER BY s LIMIT 1""", r -> r.getInt(1), limit, o.specialistTelegramUserId());
            if (slot.isEmpty()) {
                return Optional.empty();
            }
            long id = Jdbc.query(conn, """
                    INSERT INTO chat_sessions (ticket_key, employee_telegram_user_id, specialist_telegram_user_id,
                        status, started_at, last_message_at, consultation_id, specialist_slot, employee_id,
                        specialist_employee_id)
                    VALUES (?, ?, ?, 'ACTIVE', now(), now(), ?, ?, ?, ?) RETURNING id""", r -> r.getLong(1),
                    c.key(), c.employeeTelegramUserId(), o.specialistTelegramUserId(), c.id(), slot.get(0),
                    c.employeeId(), o.specialistEmployeeId()).get(0);
            Jdbc.update(conn, "UPDATE chat_sessions SET employee_name_ciphertext = ?, specialist_name_ciphertext = ?"
                    + " WHERE id = ?", cipher.encrypt(employeeName, employeeNameContext(id)),
                    cipher.encrypt(specialistName, specialistNameContext(id)), id);
            return Optional.of(id);
        });
    }

    /** The active chats a person is in, on either side, the one with the newest message first. */
    List<Chat> activeChatsOf(long telegramUserId) {
        return run(c -> Jdbc.query(c, "SELECT " + CHAT_COLUMNS + " FROM chat_sessions WHERE status = 'ACTIVE'"
                        + " AND (employee_telegram_user_id = ? OR specialist_telegram_user_id = ?)"
                        + " ORDER BY last_message_at DESC, id", this::chat, telegramUserId, telegramUserId));
    }

    Optional<Chat> lockActiveChat(long chatId) {
        return run(c -> Jdbc.query(c, "SELECT " + CHAT_COLUMNS + " FROM chat_sessions WHERE id = ?"
                + " AND status = 'ACTIVE' FOR UPDATE", this::chat, chatId)).stream().findFirst();
    }

    Optional<Chat> chatOf(long consultationId) {
        return run(c -> Jdbc.query(c, "SELECT " + CHAT_COLUMNS + " FROM chat_sessions WHERE consultation_id = ?",
                this::chat, consultationId)).stream().findFirst();
    }

    /** Active chats idle since before {@code cutoff}, locked (skipping those another instance holds). */
    List<Long> idleChats(Instant cutoff, int limit) {
        return run(c -> Jdbc.query(c, "SELECT id FROM chat_sessions WHERE status = 'ACTIVE' AND last_message_at <= ?"
                + " ORDER BY last_message_at LIMIT ? FOR UPDATE SKIP LOCKED", r -> r.getLong(1), cutoff, limit));
    }

    void endChat(long chatId, String reason) {
        run(c -> Jdbc.update(c, "UPDATE chat_sessions SET status = 'ENDED', ended_at = now(), end_reason = ?"
                + " WHERE id = ? AND status = 'ACTIVE'", reason, chatId));
    }

    void rate(long chatId, int stars) {
        run(c -> Jdbc.update(c, "UPDATE chat_sessions SET rating = ? WHERE id = ?", stars, chatId));
    }

    int messageCount(long chatId) {
        return run(c -> Jdbc.query(c, "SELECT count(*) FROM chat_messages WHERE chat_session_id = ?"
                + " AND kind <> 'NOTE' AND edit_of_seq IS NULL", r -> r.getInt(1), chatId)).get(0);
    }

    /** Durations of the newest finished chats, newest first (the wait estimate's sample). */
    List<Duration> recentDurations(int limit) {
        return run(c -> Jdbc.query(c, "SELECT EXTRACT(EPOCH FROM (ended_at - started_at)) FROM chat_sessions"
                        + " WHERE status = 'ENDED' ORDER BY ended_at DESC LIMIT ?",
                r -> Duration.ofMillis(Math.max(0, Math.round(r.getDouble(1) * 1000))), limit));
    }

    static String employeeNameContext(long chatId) {
        return SealedColumn.CHAT_EMPLOYEE_NAME.context(chatId);
    }

    static String specialistNameContext(long chatId) {
        return SealedColumn.CHAT_SPECIALIST_NAME.context(chatId);
    }

    private Optional<Consultation> one(String sql, Object... params) {
        return run(c -> Jdbc.query(c, sql, ConsultationStore::consultation, params)).stream().findFirst();
    }

    private static Consultation consultation(ResultSet r) throws SQLException {
        String priority = r.getString("priority");
        long id = r.getLong("id");
        return new Consultation(id, r.getString("ticket_key"), r.getLong("employee_telegram_user_id"),
                r.getString("employee_id"), priority == null ? null : Priority.valueOf(priority),
                ConsultationState.named(r.getString("status")).orElseThrow(() -> new IllegalStateException(
                        "unknown consultation status in row " + id)),
                Jdbc.instant(r, "enqueued_at"), (Integer) r.getObject("last_position"), r.getInt("version"),
                Jdbc.instant(r, "updated_at"));
    }

    private static Offer offer(ResultSet r) throws SQLException {
        return new Offer(r.getLong("id"), r.getLong("consultation_id"), r.getString("specialist_employee_id"),
                r.getLong("specialist_telegram_user_id"), (Long) r.getObject("telegram_message_id"),
                Jdbc.instant(r, "expires_at"), r.getString("outcome"));
    }

    private Chat chat(ResultSet r) throws SQLException {
        long id = r.getLong("id");
        byte[] employeeName = r.getBytes("employee_name_ciphertext");
        byte[] specialistName = r.getBytes("specialist_name_ciphertext");
        return new Chat(id, (Long) r.getObject("consultation_id"), r.getString("ticket_key"),
                r.getLong("employee_telegram_user_id"), r.getLong("specialist_telegram_user_id"),
                r.getString("employee_id"), r.getString("specialist_employee_id"), Jdbc.instant(r, "started_at"),
                Jdbc.instant(r, "last_message_at"),
                employeeName == null ? "" : cipher.decrypt(employeeName, employeeNameContext(id)),
                specialistName == null ? "" : cipher.decrypt(specialistName, specialistNameContext(id)));
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.with(db, work);
    }
}
