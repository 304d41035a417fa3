package ua.itdesk.bot.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Plain JDBC reads and writes of the bot's tables, as an operator (or the lead's end-to-end tests) would do. */
public final class Rows {

    private Rows() {
    }

    public static List<Map<String, Object>> query(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The audit rows of one Telegram user, oldest first. */
    public static List<Map<String, Object>> auditOf(DataSource db, long telegramUserId) {
        return query(db, "SELECT event_type, outcome, employee_id, details FROM system_log "
                + "WHERE telegram_user_id = ? ORDER BY id", telegramUserId);
    }

    /** The conversation state of one Telegram user, or null without a session row. */
    public static String stateOf(DataSource db, long telegramUserId) {
        List<Map<String, Object>> rows = query(db, "SELECT state FROM user_sessions WHERE telegram_user_id = ?",
                telegramUserId);
        return rows.isEmpty() ? null : (String) rows.get(0).get("state");
    }
}
