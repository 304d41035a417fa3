package ua.itdesk.bot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.sandbox.telegram.SentMessage;

/** The DMZ schema (D1, D2) on the real PostgreSQL engine, and what operations see on the management port. */
@QuarkusTest
@WithTestResource(BotTestResources.class)
class SchemaAndHealthTests {

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    DataSource db;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URI metrics;

    @Test
    void flywayCreatedTheSevenTablesOfThePaperAndTheReliabilityTables() {
        List<Object> tables = Rows.query(db, "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").stream()
                .map(r -> r.get("table_name")).toList();

        assertThat(tables).contains("users_telegram", "user_sessions", "user_roles_cache", "chat_sessions",
                "chat_messages", "tickets_cache", "system_log", "processed_updates", "login_failures");
    }

    @Test
    void requestTextIsKeptOnlyEncryptedInDraftsAndNoCommentsOrPlainPhoneNumbersAtAll() {
        List<Map<String, Object>> rows = Rows.query(db, "SELECT table_name || '.' || column_name AS c, data_type "
                + "FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND table_name <> 'flyway_schema_history'");
        List<String> columns = rows.stream().map(r -> (String) r.get("c")).toList();
        // flags such as request_drafts.description_required and times such as
        // consultation_requests.rating_comment_until name the text without holding any
        List<String> textual = rows.stream().filter(r -> !"boolean".equals(r.get("data_type"))
                        && !((String) r.get("data_type")).startsWith("timestamp"))
                .map(r -> (String) r.get("c")).toList();

        // a request's text lives only in its draft until the request is created, a chat's file names only until
        // written to Jira, and only sealed (Z4)
        assertThat(textual).filteredOn(c -> c.contains("description") || c.contains("summary")
                || c.contains("comment") || c.contains("attachment") || c.contains("file_name"))
                .allMatch(c -> c.startsWith("tickets_cache.summary") || (c.startsWith("request_draft")
                        || c.startsWith("chat_messages.")) && c.endsWith("_ciphertext"))
                .noneMatch(c -> c.contains("comment") || c.contains("attachment"));
        assertThat(columns).filteredOn(c -> c.contains("phone")).containsExactlyInAnyOrder(
                "users_telegram.phone_ciphertext", "users_telegram.phone_hmac");
    }

    @Test
    void phoneHashesAreUniqueAndTelegramIdsAre64Bit() {
        assertThat(Rows.query(db, "SELECT indexdef FROM pg_indexes WHERE indexname = 'ux_users_telegram_phone_hmac'")
                .get(0).get("indexdef").toString()).startsWith("CREATE UNIQUE INDEX");
        assertThat(Rows.query(db, "SELECT data_type FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND column_name LIKE '%telegram_user_id'").stream().map(r -> r.get("data_type")))
                .isNotEmpty().allMatch("bigint"::equals);
    }

    @Test
    void readinessReportsTheDatabaseUpAndTheUnreachableAgentDown() {
        JsonPath health = given().when().get(readiness).then().statusCode(503).extract().jsonPath();

        assertThat(health.getString("checks.find { it.name == 'agent' }.status")).isEqualTo("DOWN");
        assertThat(health.getList("checks.findAll { it.name.contains('Database') }.status", String.class))
                .isNotEmpty().containsOnly("UP");
    }

    @Test
    void handledUpdatesAreCountedForPrometheus() {
        long user = sandbox.newUser("Olena", "en");
        sandbox.telegram().sendText(user, "/help");
        sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith("Help"), Duration.ofSeconds(15));

        String exposition = given().when().get(metrics).then().statusCode(200).extract().asString();

        assertThat(exposition).contains("bot_updates_total{outcome=\"handled\"}", "jvm_memory_used_bytes");
    }

    @Test
    void theMetricsAnOperatorWatchesAreServedBeforeAnythingHappened() {
        String exposition = given().when().get(metrics).then().statusCode(200).extract().asString();

        // gauges counted in the database: a number, not NaN
        assertThat(exposition).containsPattern("(?m)^bot_outbox_backlog [0-9.]+$")
                .containsPattern("(?m)^bot_outbox_oldest_age_seconds [0-9.]+$")
                .containsPattern("(?m)^bot_sessions_active [0-9.]+$")
                .containsPattern("(?m)^bot_consultation_active [0-9.]+$");
        // gauges of beans that work on a schedule or on first use, created at start for the dashboard's alerts
        assertThat(exposition).containsPattern("(?m)^bot_consultation_sync_backlog [0-9.]+$")
                .containsPattern("(?m)^bot_requests_queue [0-9.]+$")
                .containsPattern("(?m)^bot_presence_online [0-9.]+$");
        // registered at start, so that a dashboard shows 0 rather than no data
        assertThat(exposition).contains("bot_outgoing_throttled_total", "bot_consultation_relay_seconds_bucket",
                "bot_consultation_wait_seconds_bucket");
    }

    @Test
    void theAuditRowsOfEachUpdateCarryThatUpdatesOwnCorrelationId() throws InterruptedException {
        long user = sandbox.newUser("Taras", "en");
        sandbox.telegram().sendText(user, "/start");
        sandbox.telegram().awaitMessage(user, SentMessage::requestsContact, Duration.ofSeconds(15));

        // the agent is unreachable here: each contact is one refused login, audited while its update is handled
        sandbox.telegram().sendContact(user, "380501112234", user, "Taras");
        sandbox.telegram().sendContact(user, "380501112234", user, "Taras");

        List<Object> ids = List.of();
        for (Instant deadline = Instant.now().plusSeconds(15); ids.size() < 2 && Instant.now().isBefore(deadline);) {
            Thread.sleep(100);
            ids = Rows.query(db, "SELECT correlation_id FROM system_log WHERE telegram_user_id = ?", user).stream()
                    .map(r -> r.get("correlation_id")).toList();
        }
        assertThat(ids).as("audit rows of the two contacts").hasSize(2).doesNotContainNull().doesNotHaveDuplicates();
    }
}
