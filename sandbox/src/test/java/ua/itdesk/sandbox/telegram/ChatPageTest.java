package ua.itdesk.sandbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.request.DeleteMessage;
import com.pengrad.telegrambot.request.EditMessageText;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.response.SendResponse;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/** The chat page's server side: the page itself and the live stream of a chat. */
class ChatPageTest {

    private static final String TOKEN = "7012345679:AAE-chat_page_test_token_0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TelegramStandIn telegram;
    private TelegramBot bot;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        telegram = TelegramStandIn.start(0, TOKEN);
        bot = new TelegramBot.Builder(TOKEN).apiUrl(telegram.apiUrl()).build();
    }

    @AfterEach
    void stop() {
        bot.shutdown();
        telegram.close();
    }

    @Test
    void thePageAndItsScriptAreServedFromTheClasspathLockedToTheirOrigin() throws Exception {
        HttpResponse<String> page = get(telegram.chatPageUrl());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(page.body()).contains("<script src=\"chat.js\"></script>");
        assertThat(get(telegram.chatPageUrl() + "chat.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");

        assertThat(get(telegram.baseUrl() + "/").headers().firstValue("Location")).hasValue("/sandbox/chat/");
        assertThat(get(telegram.baseUrl() + "/sandbox/chat").headers().firstValue("Location"))
                .hasValue("/sandbox/chat/");
        assertThat(get(telegram.chatPageUrl() + "nothing.js").statusCode()).isEqualTo(404);
        assertThat(get(telegram.chatPageUrl() + "..%2Fpeople.json").statusCode()).isEqualTo(404);
        // the Bot API's own 404 is unchanged for anything else
        assertThat(get(telegram.baseUrl() + "/elsewhere").body()).contains("\"error_code\":404");
    }

    @Test
    void theStreamDeliversTheUsersAndTheBotsMessagesEditsAndDeletionsAsTheyHappen() throws Exception {
        SeedPerson person = SeedPeople.anActiveEmployee();
        long chatId = person.telegramUserId();
        try (Events events = Events.open(http, telegram.baseUrl() + "/sandbox/api/chats/" + chatId + "/events")) {
            // the chat as it stands comes at once
            assertThat(events.next(c -> true).get("messages")).isEmpty();

            telegram.sendText(chatId, "/start <b>not markup</b>");
            JsonNode own = events.next(c -> c.get("messages").size() == 1).get("messages").get(0);
            assertThat(own.get("fromBot").asBoolean()).isFalse();
            assertThat(own.get("html").asText()).isEqualTo("/start &lt;b&gt;not markup&lt;/b&gt;");

            SendResponse sent = bot.execute(new SendMessage(chatId, "<b>Вітаю</b>, " + "&lt;script&gt;")
                    .parseMode(ParseMode.HTML));
            assertThat(sent.isOk()).as(sent.description()).isTrue();
            JsonNode botMessage = events.next(c -> c.get("messages").size() == 2).get("messages").get(1);
            assertThat(botMessage.get("fromBot").asBoolean()).isTrue();
            assertThat(botMessage.get("html").asText()).isEqualTo("<b>Вітаю</b>, &lt;script&gt;");

            int messageId = sent.message().messageId();
            bot.execute(new EditMessageText(chatId, messageId, "<i>Hello</i>").parseMode(ParseMode.HTML));
            JsonNode edited = events.next(c -> c.get("messages").get(1).get("editCount").asInt() == 1)
                    .get("messages").get(1);
            assertThat(edited.get("html").asText()).isEqualTo("<i>Hello</i>");

            bot.execute(new DeleteMessage(chatId, messageId));
            assertThat(events.next(c -> c.get("messages").size() == 1).get("messages").get(0).get("messageId")
                    .asLong()).isEqualTo(own.get("messageId").asLong());
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A server-sent events reader: the data of each "chat" event, parsed, in order. */
    private static final class Events implements AutoCloseable {

        private final InputStream body;
        private final BlockingQueue<JsonNode> chats = new ArrayBlockingQueue<>(100);

        private Events(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Events open(HttpClient http, String url) throws Exception {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            return new Events(r.body());
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String event = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ") && "chat".equals(event)) {
                        chats.add(JSON.readTree(line.substring(6)));
                    }
                }
            } catch (Exception e) {
                // closed by the test
            }
        }

        /** The next chat event that satisfies the condition, skipping others; fails after ten seconds. */
        JsonNode next(Predicate<JsonNode> condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode chat = chats.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (chat != null && condition.test(chat)) {
                    return chat;
                }
            }
            throw new AssertionError("no such chat event within 10 s");
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
