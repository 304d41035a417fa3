package ua.itdesk.bot.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.crypto.KeyRing;
import ua.itdesk.bot.crypto.SealedColumn;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.Rows;

/**
 * After a key rotation (S2) every sealed value moves to the active key, so that the retired key can be removed;
 * the test keys are "1" (retired) and "2" (active).
 */
@QuarkusTest
@WithTestResource(BotTestResources.class)
class ReencryptionTests {

    @Inject
    Reencryption reencryption;

    @Inject
    DataSource db;

    @Inject
    FieldCipher cipher;

    @Test
    void everySealedColumnOfTheSchemaIsListedSoThatNoneIsLeftUnderARetiredKey() {
        assertThat(Rows.query(db, "SELECT table_name || '.' || column_name AS c FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND column_name LIKE '%\\_ciphertext'").stream()
                .map(r -> (String) r.get("c")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(SealedColumn.values())
                        .map(c -> c.table() + "." + c.column()).toList());
    }

    @Test
    void valuesSealedUnderARetiredKeyAreRewrittenUnderTheActiveOneAndReadTheSame() {
        long user = 8_700_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        FieldCipher retired = new FieldCipher(KeyRing.parse(
                ConfigProvider.getConfig().getValue("bot.crypto.keys", String.class), 1));
        byte[] hmac = new byte[32];
        ThreadLocalRandom.current().nextBytes(hmac);
        Rows.update(db, "INSERT INTO users_telegram (telegram_user_id, phone_ciphertext, phone_hmac, employee_id, "
                + "full_name_ciphertext, role, language, last_login_at) VALUES (?, ?, ?, 'E9', ?, 'EMPLOYEE', 'uk', "
                + "now())", user, retired.encrypt("+380501234567", SealedColumn.PHONE.context(user)), hmac,
                retired.encrypt("Olena Kovalenko", SealedColumn.FULL_NAME.context(user)));
        Rows.update(db, "INSERT INTO user_sessions (telegram_user_id, chat_id, state, token_ciphertext, language, "
                + "last_activity_at) VALUES (?, ?, 'MENU', ?, 'uk', now())", user, user,
                retired.encrypt("eyJ.token", SealedColumn.SESSION_TOKEN.context(user)));
        long message = ((Number) Rows.query(db, "SELECT nextval('outgoing_messages_seq') AS id").get(0).get("id"))
                .longValue();
        // not due for a day, so that the outbox leaves it alone
        Rows.update(db, "INSERT INTO outgoing_messages (id, chat_id, payload_ciphertext, next_attempt_at) "
                + "VALUES (?, ?, ?, now() + interval '1 day')", message, user,
                retired.encrypt("{\"text\":\"Привіт\"}", SealedColumn.OUTGOING_MESSAGE.context(message)));
        Rows.update(db, "INSERT INTO pending_replies (telegram_user_id, chat_id, ticket_key, body_ciphertext, "
                + "language, created_at, next_attempt_at) VALUES (?, ?, 'ITS-7', ?, 'uk', now(), "
                + "now() + interval '1 day')", user, user,
                retired.encrypt("Дякую, працює", SealedColumn.PENDING_REPLY.context(user, "ITS-7")));

        try {
            rewrittenUnderTheActiveKey(user, message);
        } finally {
            // a waiting message and reply would count in the backlogs that other tests watch
            Rows.update(db, "DELETE FROM outgoing_messages WHERE id = ?", message);
            Rows.update(db, "DELETE FROM pending_replies WHERE telegram_user_id = ?", user);
        }
    }

    private void rewrittenUnderTheActiveKey(long user, long message) {
        Map<SealedColumn, Integer> rewritten = reencryption.run();

        assertThat(rewritten).containsKeys(SealedColumn.PHONE, SealedColumn.FULL_NAME, SealedColumn.SESSION_TOKEN,
                SealedColumn.OUTGOING_MESSAGE, SealedColumn.PENDING_REPLY);
        assertThat(activeValue("users_telegram", "phone_ciphertext", "telegram_user_id", user,
                SealedColumn.PHONE.context(user))).isEqualTo("+380501234567");
        assertThat(activeValue("users_telegram", "full_name_ciphertext", "telegram_user_id", user,
                SealedColumn.FULL_NAME.context(user))).isEqualTo("Olena Kovalenko");
        assertThat(activeValue("user_sessions", "token_ciphertext", "telegram_user_id", user,
                SealedColumn.SESSION_TOKEN.context(user))).isEqualTo("eyJ.token");
        assertThat(activeValue("outgoing_messages", "payload_ciphertext", "id", message,
                SealedColumn.OUTGOING_MESSAGE.context(message))).isEqualTo("{\"text\":\"Привіт\"}");
        assertThat(activeValue("pending_replies", "body_ciphertext", "telegram_user_id", user,
                SealedColumn.PENDING_REPLY.context(user, "ITS-7"))).isEqualTo("Дякую, працює");
        assertThat(reencryption.run()).as("a second run finds nothing left under the retired key").isEmpty();
        // never meant to be sent: left behind, it would count in the outbox backlog other tests of this app measure
        Rows.update(db, "DELETE FROM outgoing_messages WHERE id = ?", message);
    }

    /** The column's value, which must be sealed under the active key, opened. */
    private String activeValue(String table, String column, String idColumn, long id, String context) {
        byte[] sealed = (byte[]) Rows.query(db, "SELECT " + column + " AS v FROM " + table + " WHERE " + idColumn
                + " = ?", id).get(0).get("v");
        assertThat(FieldCipher.keyIdOf(sealed)).as(table + "." + column).isEqualTo(cipher.activeKeyId()).isEqualTo(2);
        return cipher.decrypt(sealed, context);
    }
}
