package ua.itdesk.bot.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Writes SYSTEM_LOG rows (S5), each in its own transaction so that an audit row survives the failure of whatever it
 * describes. Details are short, fixed explanations; callers pass numbers only masked
 * ({@link ua.itdesk.contracts.PhoneNumbers#mask}) and never tokens.
 */
@ApplicationScoped
public class AuditLog {

    /** The MDC key under which the Telegram adapter keeps the correlation id of the update being handled. */
    public static final String CORRELATION_KEY = "correlationId";

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int MAX_DETAILS = 1000;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(AuditEvent event, AuditOutcome outcome, Long telegramUserId, String employeeId,
            String details) {
        SystemLogEntry row = new SystemLogEntry();
        row.occurredAt = Instant.now();
        row.eventType = event;
        row.outcome = outcome;
        row.telegramUserId = telegramUserId;
        row.employeeId = employeeId;
        row.correlationId = correlationId();
        row.details = clean(details);
        row.persist();
        LOG.infof("audit event=%s outcome=%s telegramUser=%s employee=%s details=%s", event, outcome,
                telegramUserId, employeeId, row.details);
    }

    private static String correlationId() {
        Object id = MDC.get(CORRELATION_KEY);
        return id == null ? null : id.toString();
    }

    /** Keeps details to one printable line of bounded length, so they cannot forge log lines or bloat the table. */
    static String clean(String details) {
        if (details == null) {
            return null;
        }
        String oneLine = details.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() > MAX_DETAILS ? oneLine.substring(0, MAX_DETAILS) : oneLine;
    }
}
