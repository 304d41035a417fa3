package ua.itdesk.bot.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.db.Jdbc;

/**
 * What only the DMZ knows about a period (M1): the consultations asked for in it, with their wait, duration and
 * rating, and the knowledge-base deflections (T6: "this solved it", audited as
 * {@link AuditEvent#REQUEST_SOLVED_BY_ARTICLE}). Read from the tables the bot keeps anyway; ids, times and ratings
 * only.
 */
@ApplicationScoped
class DmzFigures {

    /** The text ConsultationStore keeps as closed_reason when the employee left the queue before any chat. */
    static final String LEFT_THE_QUEUE = "left the queue";

    /**
     * One consultation asked for in the period.
     *
     * @param specialistEmployeeId who accepted it; null when nobody did
     * @param acceptedAt           when the offer was accepted; null when it was not
     * @param startedAt            when its chat began; null without a chat
     * @param endedAt              when its chat ended; null while it runs or without a chat
     * @param rating               1 to 5, or null
     */
    record Consultation(long id, String ticketKey, String status, String closedReason, Instant enqueuedAt,
            String specialistEmployeeId, Instant acceptedAt, Instant startedAt, Instant endedAt, Integer rating) {

        /** From entering the queue to the accepting press; null when not accepted. */
        Duration waitBeforeAccept() {
            return acceptedAt == null ? null : Duration.between(enqueuedAt, acceptedAt);
        }

        /** Of the chat; null without an ended chat. */
        Duration duration() {
            return startedAt == null || endedAt == null ? null : Duration.between(startedAt, endedAt);
        }

        boolean abandonedInQueue() {
            return "CANCELLED".equals(status) && LEFT_THE_QUEUE.equals(closedReason) && acceptedAt == null;
        }
    }

    private final DataSource db;

    DmzFigures(DataSource db) {
        this.db = db;
    }

    /** Consultations that entered the queue in {@code [start, end)}, oldest first. */
    List<Consultation> consultations(Instant start, Instant end) {
        return Jdbc.with(db, c -> Jdbc.query(c, """
                SELECT r.id, r.ticket_key, r.status, r.closed_reason, r.enqueued_at, o.specialist_employee_id,
                       o.answered_at, s.started_at, s.ended_at, s.rating
                FROM consultation_requests r
                LEFT JOIN consultation_offers o ON o.consultation_id = r.id AND o.outcome = 'ACCEPTED'
                LEFT JOIN chat_sessions s ON s.consultation_id = r.id
                WHERE r.enqueued_at >= ? AND r.enqueued_at < ?
                ORDER BY r.enqueued_at, r.id""", r -> new Consultation(r.getLong("id"), r.getString("ticket_key"),
                r.getString("status"), r.getString("closed_reason"), Jdbc.instant(r, "enqueued_at"),
                r.getString("specialist_employee_id"), Jdbc.instant(r, "answered_at"),
                Jdbc.instant(r, "started_at"), Jdbc.instant(r, "ended_at"),
                (Integer) r.getObject("rating")), start, end));
    }

    /** Employees who took a knowledge-base article instead of filing, in {@code [start, end)}. */
    int deflections(Instant start, Instant end) {
        return Jdbc.with(db, c -> Jdbc.query(c, """
                SELECT count(*) AS n FROM system_log
                WHERE event_type = ? AND outcome = ? AND occurred_at >= ? AND occurred_at < ?""",
                r -> r.getInt("n"), AuditEvent.REQUEST_SOLVED_BY_ARTICLE.name(), AuditOutcome.SUCCESS.name(), start,
                end)).get(0);
    }
}
