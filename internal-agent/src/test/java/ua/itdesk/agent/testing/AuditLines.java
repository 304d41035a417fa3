package ua.itdesk.agent.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import ua.itdesk.agent.audit.AuditLog;

/** Collects the audit lines the agent writes while a test runs: {@link #start()}, read {@link #lines()}, {@link #close()}. */
public final class AuditLines extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(AuditLog.CATEGORY);

    private AuditLines() {
    }

    public static AuditLines start() {
        AuditLines handler = new AuditLines();
        handler.logger.addHandler(handler);
        return handler;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
