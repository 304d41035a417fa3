package ua.itdesk.bot.telegram;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.LongPollingProfile;
import ua.itdesk.sandbox.telegram.SentMessage;

/** Long-polling mode (P1): no public URL, the bot asks the Bot API for updates itself. */
@QuarkusTest
@TestProfile(LongPollingProfile.class)
class LongPollingTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NOT_TAKEN = "The bot cannot take messages right now";

    @InjectBotSandbox
    BotSandbox sandbox;

    @TestHTTPResource("/telegram/webhook")
    URI webhook;

    @TestHTTPResource(value = "/health/ready", management = true)
    URI readiness;

    @Test
    void updatesArriveThroughGetUpdatesAndAreAnswered() {
        long user = sandbox.newUser("Olena", "en");

        sandbox.telegram().sendText(user, "/start");

        SentMessage greeting = sandbox.telegram().awaitMessage(user, SentMessage::requestsContact, WAIT);
        assertThat(greeting.plainText()).startsWith("Hello, Olena!");
        assertThat(sandbox.telegram().methodCalls()).containsKey("deleteWebhook").containsKey("getUpdates");
        assertThat(sandbox.telegram().webhookUrl()).isEmpty();
    }

    @Test
    void updatesOfOneChatAreAnsweredInOrder() {
        long user = sandbox.newUser("Olena", "en");

        sandbox.telegram().sendText(user, "/help");
        sandbox.telegram().sendText(user, "/start");
        sandbox.telegram().sendText(user, "/cancel");

        sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith("Login cancelled"), WAIT);
        assertThat(sandbox.telegram().messagesTo(user)).extracting(m -> m.plainText().substring(0, 5))
                .containsExactly("Help\n", "Hello", "Login");
    }

    @Test
    void whileTheDatabaseIsAwayMessagesWaitTheSenderIsToldOnceAndAllAreAnsweredInOrderWhenItReturns() {
        long user = sandbox.newUser("Olena", "en");
        sandbox.database().setAvailable(false);
        try {
            sandbox.telegram().sendText(user, "/help");
            sandbox.telegram().sendText(user, "/start");
            sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith(NOT_TAKEN), WAIT);
            JsonPath health = given().when().get(readiness).then().statusCode(503).extract().jsonPath();
            assertThat(health.getList("checks.findAll { it.name.contains('Database') }.status", String.class))
                    .containsOnly("DOWN");
            // the bot asks again (after 1 s, then 2 s) and is refused again: it must not tell the person again
            int polls = sandbox.telegram().methodCalls().get("getUpdates");
            await().atMost(WAIT).until(() -> sandbox.telegram().methodCalls().get("getUpdates") >= polls + 2);
            assertThat(sandbox.telegram().messagesTo(user)).hasSize(1);
        } finally {
            sandbox.database().setAvailable(true);
        }

        sandbox.telegram().awaitMessage(user, SentMessage::requestsContact, Duration.ofSeconds(40));
        assertThat(sandbox.telegram().messagesTo(user)).extracting(m -> m.plainText().substring(0, 5))
                .containsExactly(NOT_TAKEN.substring(0, 5), "Help\n", "Hello");
    }

    @Test
    void theWebhookEndpointIsClosedInLongPollingMode() {
        given().contentType(ContentType.JSON).body("{}").when().post(webhook).then().statusCode(404);
    }
}
