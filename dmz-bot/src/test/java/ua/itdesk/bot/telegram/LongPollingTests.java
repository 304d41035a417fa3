package ua.itdesk.bot.telegram;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
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

    @InjectBotSandbox
    BotSandbox sandbox;

    @TestHTTPResource("/telegram/webhook")
    URI webhook;

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
    void theWebhookEndpointIsClosedInLongPollingMode() {
        given().contentType(ContentType.JSON).body("{}").when().post(webhook).then().statusCode(404);
    }
}
