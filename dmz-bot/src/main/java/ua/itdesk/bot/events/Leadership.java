package ua.itdesk.bot.events;

import ua.itdesk.bot.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The right to subscribe to the agent's event stream, held by one bot instance at a time: a PostgreSQL session
 * advisory lock on a connection kept open for as long as the instance subscribes. When the instance dies, or its
 * connection does, PostgreSQL releases the lock and another instance takes over. The stream position is written
 * through that same connection, so an instance that has lost the lock can no longer move the cursor.
 */
final class Leadership implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Leadership.class);
    /** The lock's key: "itdesk" and 1, fixed for every instance of the bot. */
    static final long LOCK_KEY = 0x6974_6465_736bL << 16 | 1;

    /** The stored stream position. */
    record Position(String cursor, Instant lastEventAt) {
    }

    private final Connection connection;

    private Leadership(Connection connection) {
        this.connection = connection;
    }

    /** The lock when this instance gets it now; null while another instance holds it. */
    static Leadership tryAcquire(DataSource db) throws SQLException {
        Connection c = db.getConnection();
        try {
            c.setAutoCommit(true);
            boolean got = Jdbc.query(c, "SELECT pg_try_advisory_lock(?)", r -> r.getBoolean(1), LOCK_KEY).get(0);
            if (got) {
                return new Leadership(c);
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        return null;
    }

    /** Whether the connection holding the lock is still alive (the lock lives exactly as long). */
    boolean held() {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    Position position() throws SQLException {
        List<Position> rows = Jdbc.query(connection, "SELECT cursor, last_event_at FROM event_stream WHERE id = 1",
                r -> new Position(r.getString("cursor"), Jdbc.instant(r, "last_event_at")));
        return rows.isEmpty() ? new Position(null, null) : rows.get(0);
    }

    /** Stores the position; {@code lastEventAt} only ever moves forward. */
    void save(String cursor, Instant lastEventAt) throws SQLException {
        Jdbc.update(connection, """
                UPDATE event_stream SET cursor = ?,
                    last_event_at = GREATEST(last_event_at, COALESCE(?, last_event_at)), updated_at = now()
                WHERE id = 1""", cursor, lastEventAt);
    }

    @Override
    public void close() {
        try (connection) {
            if (!connection.isClosed()) {
                Jdbc.query(connection, "SELECT pg_advisory_unlock(?)", r -> r.getBoolean(1), LOCK_KEY);
            }
        } catch (SQLException e) {
            LOG.debugf("releasing the subscription lock: %s (the closed connection releases it anyway)",
                    e.getMessage());
        }
    }
}
