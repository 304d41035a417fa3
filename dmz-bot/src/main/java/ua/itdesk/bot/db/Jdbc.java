package ua.itdesk.bot.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plain JDBC for upserts and locking statements: their nulls must reach PostgreSQL untyped, so that it takes the
 * column's type, which Hibernate's native queries do not guarantee. Used inside the caller's transaction (the
 * pool enlists the connection) or on a connection the caller holds.
 */
public final class Jdbc {

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Statements on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    private Jdbc() {
    }

    /** Runs {@code work} on a connection of the pool (enlisted in the caller's transaction, if any). */
    public static <T> T with(DataSource db, Work<T> work) {
        try (Connection c = db.getConnection()) {
            return work.on(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        }
    }

    public static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (r.next()) {
                out.add(row.read(r));
            }
            return out;
        }
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                s.setNull(i + 1, Types.OTHER);
            } else if (p instanceof Instant at) {
                s.setObject(i + 1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            } else {
                s.setObject(i + 1, p);
            }
        }
        return s;
    }
}
