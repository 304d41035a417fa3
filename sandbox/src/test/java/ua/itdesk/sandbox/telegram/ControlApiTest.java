package ua.itdesk.sandbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.request.GetFile;
import com.pengrad.telegrambot.request.SendMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/** The HTTP control side, as the sandbox web page and other processes use it. */
class ControlApiTest {

    private static final String TOKEN = "7012345678:AAE-control_api_test_token_0123456789";
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

    private JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/sandbox/api" + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        return JSON.readTree(r.body());
    }

    @Test
    void thePageListsTheSeededPeopleWithTheirTelegramIds() throws Exception {
        JsonNode people = call("GET", "/people", null, 200);

        assertThat(people).hasSize(SeedPeople.all().size());
        JsonNode first = people.get(0);
        SeedPerson seed = SeedPeople.all().get(0);
        assertThat(first.get("telegramUserId").asLong()).isEqualTo(seed.telegramUserId());
        assertThat(first.get("fullName").asText()).isEqualTo(seed.fullName());
        assertThat(first.get("firstName").asText()).isEqualTo(seed.firstName());
        assertThat(first.get("role").asText()).isEqualTo(seed.role());
    }

    @Test
    void aPersonWritesSharesTheirContactAndPressesAButtonOverHttp() throws Exception {
        SeedPerson person = SeedPeople.anActiveEmployee();
        long id = person.telegramUserId();

        long textUpdate = call("POST", "/users/" + id + "/text", "{\"text\":\"/start\"}", 200).get("updateId").asLong();
        call("POST", "/users/" + id + "/contact", "{\"own\":true}", 200);
        var sent = bot.execute(new SendMessage(id, "Меню").replyMarkup(
                new InlineKeyboardMarkup(new InlineKeyboardButton("Мої заявки").callbackData("mine"))));
        call("POST", "/users/" + id + "/press",
                "{\"messageId\":" + sent.message().messageId() + ",\"callbackData\":\"mine\"}", 200);

        List<Update> updates = bot.execute(new GetUpdates().timeout(1)).updates();
        assertThat(updates).hasSize(3);
        assertThat(updates.get(0).updateId().longValue()).isEqualTo(textUpdate);
        assertThat(updates.get(1).message().contact().userId()).isEqualTo(id);
        assertThat("+" + updates.get(1).message().contact().phoneNumber()).isEqualTo(person.e164());
        assertThat(updates.get(2).callbackQuery().data()).isEqualTo("mine");

        JsonNode chat = call("GET", "/chats/" + id, null, 200);
        JsonNode messages = chat.get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).get("fromBot").asBoolean()).isFalse();
        assertThat(messages.get(1).get("contact").get("user_id").asLong()).isEqualTo(id);
        assertThat(messages.get(2).get("fromBot").asBoolean()).isTrue();
        assertThat(messages.get(2).get("replyMarkup").get("inline_keyboard").get(0).get(0).get("text").asText())
                .isEqualTo("Мої заявки");
    }

    @Test
    void aPersonSendsAVoiceNoteEditsAMessageAndRepliesWithAPhotoOverHttp() throws Exception {
        long id = SeedPeople.anActiveEmployee().telegramUserId();
        byte[] ogg = "OggS voice".getBytes(StandardCharsets.US_ASCII);
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

        JsonNode text = call("POST", "/users/" + id + "/text", "{\"text\":\"Принтер не друкує\"}", 200);
        JsonNode voice = call("POST", "/users/" + id + "/voice", "{\"contentBase64\":\""
                + Base64.getEncoder().encodeToString(ogg) + "\",\"duration\":3,\"caption\":\"деталі\"}", 200);
        JsonNode edit = call("POST", "/users/" + id + "/edit", "{\"messageId\":" + text.get("messageId").asLong()
                + ",\"text\":\"Принтер на 3 поверсі не друкує\"}", 200);
        JsonNode photo = call("POST", "/users/" + id + "/photo", "{\"contentBase64\":\"" + png
                + "\",\"replyToMessageId\":" + voice.get("messageId").asLong() + "}", 200);

        assertThat(List.of(text, voice, photo)).extracting(n -> n.get("messageId").asLong())
                .containsExactly(1L, 2L, 3L);
        assertThat(edit.get("messageId").asLong()).isEqualTo(1);
        List<Update> updates = bot.execute(new GetUpdates().timeout(1)).updates();
        assertThat(updates).extracting(u -> u.updateId().longValue()).containsExactly(text.get("updateId").asLong(),
                voice.get("updateId").asLong(), edit.get("updateId").asLong(), photo.get("updateId").asLong());
        assertThat(updates.get(1).message().voice().duration()).isEqualTo(3);
        assertThat(updates.get(1).message().caption()).isEqualTo("деталі");
        assertThat(updates.get(2).editedMessage().text()).isEqualTo("Принтер на 3 поверсі не друкує");
        assertThat(updates.get(3).message().replyToMessage().voice()).isNotNull();

        String fileId = updates.get(1).message().voice().fileId();
        assertThat(bot.execute(new GetFile(fileId)).file().filePath()).startsWith("voice/");
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(
                URI.create(telegram.baseUrl() + "/sandbox/api/files/" + fileId)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(ogg);
        JsonNode stored = call("GET", "/chats/" + id, null, 200).get("messages");
        assertThat(stored.get(0).get("plainText").asText()).isEqualTo("Принтер на 3 поверсі не друкує");
        assertThat(stored.get(1).get("file").get("kind").asText()).isEqualTo("voice");
        assertThat(stored.get(1).get("file").get("duration").asInt()).isEqualTo(3);
        assertThat(stored.get(2).get("replyTo").asLong()).isEqualTo(2);
    }

    @Test
    void editsOfUnknownMessagesAreNotFoundAndIncompleteVoiceNotesAreExplained() throws Exception {
        long id = SeedPeople.anActiveEmployee().telegramUserId();
        call("POST", "/users/" + id + "/text", "{\"text\":\"Привіт\"}", 200);

        assertThat(call("POST", "/users/" + id + "/edit", "{\"messageId\":42,\"text\":\"x\"}", 404)
                .get("error").asText()).contains("no message 42");
        assertThat(call("POST", "/users/" + id + "/edit", "{\"text\":\"x\"}", 400).get("error").asText())
                .contains("messageId is required");
        assertThat(call("POST", "/users/" + id + "/edit", "{\"messageId\":1}", 400).get("error").asText())
                .contains("text is required");
        assertThat(call("POST", "/users/" + id + "/voice", "{\"contentBase64\":\"T2dnUw==\"}", 400)
                .get("error").asText()).contains("duration is required");
        assertThat(call("POST", "/users/" + id + "/voice", "{\"duration\":2}", 400).get("error").asText())
                .contains("contentBase64 is required");
        assertThat(call("POST", "/users/" + id + "/photo", "{\"contentBase64\":\"T2dnUw==\",\"replyToMessageId\":9}",
                400).get("error").asText()).contains("no message 9");
        assertThat(telegram.pendingUpdateCount()).isEqualTo(1);
    }

    @Test
    void aChatViewWaitsForTheNextChangeAfterTheGivenRevision() throws Exception {
        long id = SeedPeople.anActiveEmployee().telegramUserId();
        call("POST", "/users/" + id + "/text", "{\"text\":\"Привіт\"}", 200);
        long revision = call("GET", "/chats/" + id, null, 200).get("revision").asLong();

        CompletableFuture<JsonNode> next = CompletableFuture.supplyAsync(() -> {
            try {
                return call("GET", "/chats/" + id + "?since=" + revision + "&wait=5", null, 200);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(next).isNotDone();
        bot.execute(new SendMessage(id, "Вітаю!"));

        JsonNode chat = next.get(3, TimeUnit.SECONDS);
        assertThat(chat.get("revision").asLong()).isGreaterThan(revision);
        assertThat(chat.get("messages").get(1).get("text").asText()).isEqualTo("Вітаю!");
    }

    @Test
    void limitsCanBeSetAndBadRequestsAreExplained() throws Exception {
        JsonNode limits = call("PUT", "/limits", "{\"globalPerSecond\":30,\"perChatPerSecond\":1}", 200);
        assertThat(limits.get("globalPerSecond").asInt()).isEqualTo(30);
        assertThat(call("GET", "/bot", null, 200).get("limits").get("perChatPerSecond").asInt()).isEqualTo(1);

        assertThat(call("POST", "/users/abc/text", "{\"text\":\"x\"}", 400).get("error").asText()).contains("abc");
        assertThat(call("POST", "/users/1/press", "{\"messageId\":5}", 400).get("error").asText())
                .contains("no bot message");
        call("GET", "/nowhere", null, 404);
    }

    @Test
    void rawUpdatesAreQueuedForFuzzing() throws Exception {
        long updateId = call("POST", "/updates", "{\"message\":{\"message_id\":1,\"date\":0,"
                + "\"chat\":{\"id\":-5,\"type\":\"group\"},\"text\":\"\\u0000\"}}", 200).get("updateId").asLong();

        List<Update> updates = bot.execute(new GetUpdates().timeout(1)).updates();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).updateId().longValue()).isEqualTo(updateId);
        assertThat(updates.get(0).message().chat().id()).isEqualTo(-5L);
        assertThat(telegram.methodCalls()).containsEntry("getUpdates", 1);
        call("POST", "/updates", "not json", 400);
    }
}
