package ua.itdesk.bot.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.crypto.KeyRing;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.Rows;

/** The scheduled purge (S6, Z4) removes what has served its purpose and nothing else. */
@QuarkusTest
@WithTestResource(BotTestResources.class)
class HousekeepingTests {

    @Inject
    Housekeeping housekeeping;

    @Inject
    DataSource db;

    @Inject
    FieldCipher cipher;

    @Test
    void oldUpdateIdsAndLoginFailuresGoRecentOnesStay() {
        long old = 1_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        long recent = old + 1;
        long user = 8_800_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        Rows.update(db, "INSERT INTO processed_updates (update_id, received_at) VALUES (?, now() - interval '8 days')",
                old);
        Rows.update(db, "INSERT INTO processed_updates (update_id, received_at) VALUES (?, now())", recent);
        Rows.update(db, "INSERT INTO login_failures (telegram_user_id, failed_at, reason) "
                + "VALUES (?, now() - interval '16 minutes', 'denied'), (?, now(), 'denied')", user, user);

        housekeeping.purge();

        assertThat(Rows.query(db, "SELECT update_id FROM processed_updates WHERE update_id IN (?, ?)", old, recent))
                .extracting(r -> r.get("update_id")).containsExactly(recent);
        assertThat(Rows.query(db, "SELECT 1 FROM login_failures WHERE telegram_user_id = ?", user)).hasSize(1);
    }

    @Test
    void expiredTokensAreWipedButTheConversationStateStays() {
        long user = 8_900_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        Rows.update(db, "INSERT INTO user_sessions (telegram_user_id, chat_id, state, employee_id, token_ciphertext, "
                + "expires_at, language, last_activity_at) VALUES (?, ?, 'AUTHENTICATED', 'E1', '\\x0001'::bytea, "
                + "now() - interval '1 minute', 'uk', now() - interval '40 minutes')", user, user);

        housekeeping.purge();

        assertThat(Rows.query(db, "SELECT state, token_ciphertext, expires_at FROM user_sessions "
                + "WHERE telegram_user_id = ?", user).get(0))
                .containsEntry("state", "AUTHENTICATED").containsEntry("token_ciphertext", null)
                .containsEntry("expires_at", null);
    }
}
