package ua.itdesk.bot.agent;

import java.util.UUID;
import org.jboss.logging.MDC;
import ua.itdesk.bot.audit.AuditLog;

/** The correlation id sent with every agent call: the current update's, so one user action can be followed. */
final class Correlation {

    private Correlation() {
    }

    /** The id of the update being handled; a fresh one for work that no update started (timers, jobs). */
    static String id() {
        Object id = MDC.get(AuditLog.CORRELATION_KEY);
        return id != null ? id.toString() : UUID.randomUUID().toString();
    }
}
