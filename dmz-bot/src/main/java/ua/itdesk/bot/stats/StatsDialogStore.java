package ua.itdesk.bot.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import ua.itdesk.bot.db.Jdbc;

/** The open period pickers (STATS_DIALOGS), one row per person, each change a statement of its own. */
@ApplicationScoped
class StatsDialogStore {

    /** An open picker; {@code from} is the first day of a custom period once typed. */
    record Dialog(long telegramUserId, String employeeId, StatsState state, LocalDate from, Instant updatedAt) {
    }

    private final DataSource db;

    StatsDialogStore(DataSource db) {
        this.db = db;
    }

    /** The person's open picker; a row of a state this version does not know is dropped. */
    Optional<Dialog> find(long telegramUserId) {
        List<Optional<Dialog>> rows = Jdbc.with(db, c -> Jdbc.query(c, """
                SELECT employee_id, state, from_date, updated_at FROM stats_dialogs WHERE telegram_user_id = ?""",
                r -> {
                    Optional<StatsState> state = StatsState.named(r.getString("state"));
                    if (state.isEmpty()) {
                        return Optional.<Dialog>empty();
                    }
                    return Optional.of(new Dialog(telegramUserId, r.getString("employee_id"), state.get(),
                            r.getObject("from_date", LocalDate.class), Jdbc.instant(r, "updated_at")));
                }, telegramUserId));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (rows.get(0).isEmpty()) {
            delete(telegramUserId);
        }
        return rows.get(0);
    }

    /** Stores the picker's step (a new one, or the next of an open one). */
    void save(long telegramUserId, String employeeId, StatsState state, LocalDate from) {
        if (state == StatsState.CLOSED) {
            throw new IllegalArgumentException("a closed picker is deleted, not stored");
        }
        Jdbc.with(db, c -> Jdbc.update(c, """
                INSERT INTO stats_dialogs (telegram_user_id, employee_id, state, from_date, updated_at)
                VALUES (?, ?, ?, ?, now())
                ON CONFLICT (telegram_user_id) DO UPDATE SET employee_id = EXCLUDED.employee_id,
                    state = EXCLUDED.state, from_date = EXCLUDED.from_date, updated_at = EXCLUDED.updated_at""",
                telegramUserId, employeeId, state.name(), from));
    }

    void delete(long telegramUserId) {
        Jdbc.with(db, c -> Jdbc.update(c, "DELETE FROM stats_dialogs WHERE telegram_user_id = ?", telegramUserId));
    }
}
