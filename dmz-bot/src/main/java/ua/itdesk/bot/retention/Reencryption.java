package ua.itdesk.bot.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.crypto.SealedColumn;
import ua.itdesk.bot.db.Jdbc;

/**
 * After a key rotation ({@code bot.crypto.active-key-id} moved to a new key), rewrites every sealed value still
 * under an older key, column by column and a batch at a time, each batch in its own transaction with its rows
 * locked ({@code SKIP LOCKED}, so instances running it at once share the work). Once the log reports nothing left,
 * the retired key can be removed from {@code bot.crypto.keys}.
 */
@ApplicationScoped
public class Reencryption {

    private static final Logger LOG = Logger.getLogger(Reencryption.class);
    private static final int BATCH = 500;

    private final DataSource db;
    private final FieldCipher cipher;

    Reencryption(DataSource db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    @Scheduled(identity = "reencryption", every = "10m", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** @return per column, how many values were rewritten (columns with none left out) */
    Map<SealedColumn, Integer> run() {
        Map<SealedColumn, Integer> rewritten = new EnumMap<>(SealedColumn.class);
        for (SealedColumn column : SealedColumn.values()) {
            int total = 0;
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(() -> resealBatch(column));
                total += batch;
            } while (batch == BATCH);
            if (total > 0) {
                rewritten.put(column, total);
            }
        }
        if (!rewritten.isEmpty()) {
            LOG.infof("key rotation: values re-encrypted under key %d: %s", cipher.activeKeyId(), rewritten);
        }
        return rewritten;
    }

    private int resealBatch(SealedColumn column) {
        int active = cipher.activeKeyId();
        byte[] prefix = {(byte) (active >> 8), (byte) active};
        List<String> selected = new ArrayList<>(column.rowId());
        column.contextColumns().stream().filter(c -> !selected.contains(c)).forEach(selected::add);
        String where = String.join(" = ? AND ", column.rowId()) + " = ?";
        // identifiers come from SealedColumn's constants, never from input
        String select = "SELECT " + String.join(", ", selected) + ", " + column.column() + " FROM " + column.table()
                + " WHERE " + column.column() + " IS NOT NULL AND substring(" + column.column() + " FROM 1 FOR 2) <> ?"
                + " LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED";
        String update = "UPDATE " + column.table() + " SET " + column.column() + " = ? WHERE " + where;
        return Jdbc.with(db, c -> {
            List<Stale> stale = Jdbc.query(c, select, r -> Stale.read(r, column), (Object) prefix);
            for (Stale s : stale) {
                String context = column.context(s.context.toArray());
                Object[] params = new Object[1 + s.rowId.size()];
                params[0] = cipher.encrypt(cipher.decrypt(s.value, context), context);
                for (int i = 0; i < s.rowId.size(); i++) {
                    params[i + 1] = s.rowId.get(i);
                }
                Jdbc.update(c, update, params);
            }
            return stale.size();
        });
    }

    private record Stale(List<Object> rowId, List<Object> context, byte[] value) {

        static Stale read(ResultSet r, SealedColumn column) throws SQLException {
            List<Object> rowId = new ArrayList<>();
            for (String c : column.rowId()) {
                rowId.add(r.getObject(c));
            }
            List<Object> context = new ArrayList<>();
            for (String c : column.contextColumns()) {
                context.add(r.getObject(c));
            }
            return new Stale(rowId, context, r.getBytes(column.column()));
        }
    }
}
