package ua.itdesk.bot.telegram;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.sandbox.telegram.CommandSet;
import ua.itdesk.sandbox.telegram.SentMessage;

/** Webhook mode (P1, R1, A7): registration, the secret token, de-duplication, the command menu. */
@QuarkusTest
@WithTestResource(BotTestResources.class)
class WebhookTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String NOT_TAKEN = "The bot cannot take messages right now";
    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    DataSource db;

    @TestHTTPResource("/telegram/webhook")
    URI webhook;

    @Test
    void theBotRegistersItsWebhookWithTheSecret() {
        awaitCondition(() -> sandbox.telegram().webhookUrl().isPresent());

        assertThat(sandbox.telegram().webhookUrl().orElseThrow())
                .isEqualTo("http://127.0.0.1:" + webhook.getPort() + webhook.getPath());
    }

    @Test
    void theCommandMenuIsPublishedInUkrainianByDefaultAndInEnglish() {
        awaitCondition(() -> sandbox.telegram().commands().size() >= 2);

        List<CommandSet> sets = sandbox.telegram().commands();
        List<String> expected = List.of("start", "menu", "help", "cancel", "logout", "stats", "end");
        assertThat(sets).contains(new CommandSet("", "default", expected), new CommandSet("en", "default", expected));
    }

    @Test
    void aCallWithoutTheSecretIsRefusedAndAudited() {
        int before = webhookRefusals();

        given().contentType(ContentType.JSON).body(helpUpdate(uniqueUpdateId(), 1))
                .when().post(webhook)
                .then().statusCode(401);

        assertThat(webhookRefusals()).isEqualTo(before + 1);
    }

    @Test
    void aCallWithAWrongSecretIsRefusedAndAudited() {
        int before = webhookRefusals();

        given().contentType(ContentType.JSON).header(SECRET_HEADER, sandbox.webhookSecret() + "x")
                .body(helpUpdate(uniqueUpdateId(), 1))
                .when().post(webhook)
                .then().statusCode(401);

        assertThat(webhookRefusals()).isEqualTo(before + 1);
        assertThat(Rows.query(db, "SELECT details FROM system_log WHERE event_type = 'WEBHOOK_REJECTED' "
                + "ORDER BY id DESC LIMIT 1").get(0).get("details")).isEqualTo("wrong secret token");
    }

    @Test
    void anAuthenticCallWithoutAnUpdateIsABadRequest() {
        given().contentType(ContentType.JSON).header(SECRET_HEADER, sandbox.webhookSecret()).body("{\"foo\": 1}")
                .when().post(webhook)
                .then().statusCode(400);
    }

    @Test
    void anUpdateDeliveredTwiceIsHandledOnce() {
        long user = sandbox.newUser("Olena", "en");
        sandbox.telegram().sendText(user, "/start");
        sandbox.telegram().awaitMessage(user, SentMessage::requestsContact, WAIT);
        long updateId = uniqueUpdateId();
        String update = helpUpdate(updateId, user);

        for (int delivery = 0; delivery < 2; delivery++) {
            given().contentType(ContentType.JSON).header(SECRET_HEADER, sandbox.webhookSecret()).body(update)
                    .when().post(webhook)
                    .then().statusCode(200);
        }
        // a later update of the same chat is handled after the earlier ones: once it is answered, all are
        sandbox.telegram().sendText(user, "/cancel");
        sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith("Login cancelled"), WAIT);

        assertThat(sandbox.telegram().messagesTo(user)).filteredOn(m -> m.plainText().startsWith("Help")).hasSize(1);
        assertThat(Rows.query(db, "SELECT chat_id FROM processed_updates WHERE update_id = ?", updateId))
                .extracting(r -> r.get("chat_id")).containsExactly(user);
    }

    @Test
    void whileTheDatabaseIsAwayAnUpdateIsRefusedWith503TheSenderIsToldOnceAndTheRedeliveryIsAnswered()
            throws InterruptedException {
        long user = sandbox.newUser("Olena", "en");
        sandbox.database().setAvailable(false);
        try {
            // Telegram (the stand-in) delivers it, is refused, and tries again and again
            sandbox.telegram().sendText(user, "/help");
            sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith(NOT_TAKEN), WAIT);
            given().contentType(ContentType.JSON).header(SECRET_HEADER, sandbox.webhookSecret())
                    .body(helpUpdate(uniqueUpdateId(), user))
                    .when().post(webhook)
                    .then().statusCode(503);
            Thread.sleep(2000);
            assertThat(sandbox.telegram().pendingUpdateCount()).isEqualTo(1);
            assertThat(sandbox.telegram().messagesTo(user)).hasSize(1);
        } finally {
            sandbox.database().setAvailable(true);
        }

        sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith("Help"), Duration.ofSeconds(30));
        assertThat(sandbox.telegram().messagesTo(user)).extracting(m -> m.plainText().substring(0, 5))
                .containsExactly(NOT_TAKEN.substring(0, 5), "Help\n");
    }

    @Test
    void aFloodFromOnePersonIsDroppedWithOneNoticeAndOneAuditRow() {
        long user = sandbox.newUser("Olena", "en");
        int sent = BotTestResources.RATE_LIMIT * 3;

        for (int i = 0; i < sent; i++) {
            sandbox.telegram().sendText(user, "/help");
        }

        sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith("Too many messages"), WAIT);
        nextRateWindow();
        sandbox.telegram().sendText(user, "/cancel");
        sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith("There is nothing to cancel"),
                Duration.ofSeconds(15));
        List<SentMessage> messages = sandbox.telegram().messagesTo(user);
        assertThat(messages).filteredOn(m -> m.plainText().startsWith("Too many messages")).hasSize(1);
        assertThat(messages).filteredOn(m -> m.plainText().startsWith("Help")).hasSizeLessThan(sent);
        assertThat(Rows.auditOf(db, user)).extracting(r -> r.get("event_type")).containsExactly("RATE_LIMITED");
    }

    @Test
    void oneFloodingPersonDoesNotSlowAnotherDown() throws Exception {
        long flooder = sandbox.newUser("Mallory", "en");
        long other = sandbox.newUser("Olena", "en");
        sandbox.telegram().sendText(other, "/start");
        sandbox.telegram().awaitMessage(other, SentMessage::requestsContact, WAIT);
        java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger flood = new java.util.concurrent.atomic.AtomicInteger();
        // ten times the limit, for as long as the other person is served
        Thread floodThread = new Thread(() -> {
            while (flooding.get()) {
                sandbox.telegram().sendText(flooder, "/help");
                flood.incrementAndGet();
                try {
                    Thread.sleep(1000 / (BotTestResources.RATE_LIMIT * 10));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        floodThread.start();
        List<Long> roundTrips = new java.util.ArrayList<>();
        long started = System.nanoTime();
        try {
            sandbox.telegram().awaitMessage(flooder, m -> m.plainText().startsWith("Too many messages"), WAIT);
            for (int i = 1; i <= 5; i++) {
                int answered = i;
                long sent = System.nanoTime();
                sandbox.telegram().sendText(other, "/help");
                sandbox.telegram().awaitMessage(other, m -> helps(other) >= answered, WAIT);
                roundTrips.add((System.nanoTime() - sent) / 1_000_000);
                // spread over several of the limiter's one-second windows
                Thread.sleep(300);
            }
        } finally {
            flooding.set(false);
            floodThread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("FLOOD: %d updates from one person in %.1f s, %d answered; the other's round trips (ms) "
                + "%s%n", flood.get(), seconds, helps(flooder), roundTrips);
        assertThat(helps(other)).isEqualTo(5);
        assertThat(roundTrips).allMatch(ms -> ms < 3000);
        // the flooder got at most the limit per second, and one notice
        assertThat(helps(flooder)).isLessThanOrEqualTo((int) ((seconds + 2) * BotTestResources.RATE_LIMIT))
                .isLessThan(flood.get());
        assertThat(sandbox.telegram().messagesTo(flooder)).filteredOn(m -> m.plainText().startsWith("Too many"))
                .hasSize(1);
        assertThat(Rows.auditOf(db, flooder)).extracting(r -> r.get("event_type")).containsExactly("RATE_LIMITED");
        assertThat(Rows.auditOf(db, other)).extracting(r -> r.get("event_type")).doesNotContain("RATE_LIMITED");
    }

    private int helps(long user) {
        return (int) sandbox.telegram().messagesTo(user).stream().filter(m -> m.plainText().startsWith("Help"))
                .count();
    }

    /** The limit counts per second: a moment later the same person is welcome again. */
    private static void nextRateWindow() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private int webhookRefusals() {
        return ((Number) Rows.query(db, "SELECT count(*) AS n FROM system_log WHERE event_type = 'WEBHOOK_REJECTED'")
                .get(0).get("n")).intValue();
    }

    /** Above the stand-in's own update ids, within the 32 bits pengrad reads them into. */
    private static long uniqueUpdateId() {
        return 2_000_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
    }

    private static String helpUpdate(long updateId, long user) {
        return """
                {"update_id": %d, "message": {"message_id": 900, "date": %d,
                 "chat": {"id": %d, "type": "private", "first_name": "Olena"},
                 "from": {"id": %d, "is_bot": false, "first_name": "Olena", "language_code": "en"},
                 "text": "/help", "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}}
                """.formatted(updateId, System.currentTimeMillis() / 1000, user, user);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
