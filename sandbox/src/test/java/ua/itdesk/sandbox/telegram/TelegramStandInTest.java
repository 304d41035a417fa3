package ua.itdesk.sandbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.BotCommand;
import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.Chat;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.MessageEntity;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.Voice;
import com.pengrad.telegrambot.model.botcommandscope.BotCommandScopeAllPrivateChats;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.model.request.KeyboardButton;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.model.request.ReplyKeyboardMarkup;
import com.pengrad.telegrambot.model.request.ReplyKeyboardRemove;
import com.pengrad.telegrambot.model.request.ReplyParameters;
import com.pengrad.telegrambot.request.AnswerCallbackQuery;
import com.pengrad.telegrambot.request.CopyMessage;
import com.pengrad.telegrambot.request.DeleteMessage;
import com.pengrad.telegrambot.request.DeleteWebhook;
import com.pengrad.telegrambot.request.EditMessageReplyMarkup;
import com.pengrad.telegrambot.request.EditMessageText;
import com.pengrad.telegrambot.request.GetFile;
import com.pengrad.telegrambot.request.GetMe;
import com.pengrad.telegrambot.request.GetMyCommands;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.request.GetWebhookInfo;
import com.pengrad.telegrambot.request.SendDocument;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.request.SendPhoto;
import com.pengrad.telegrambot.request.SendVoice;
import com.pengrad.telegrambot.request.SetMyCommands;
import com.pengrad.telegrambot.request.SetWebhook;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.GetFileResponse;
import com.pengrad.telegrambot.response.GetUpdatesResponse;
import com.pengrad.telegrambot.response.SendResponse;
import com.pengrad.telegrambot.utility.BotUtils;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/** Driven by the real client library of the bot (pengrad), as the bot will drive it. */
class TelegramStandInTest {

    private static final String TOKEN = "7012345678:AAE-sandbox_token_for_tests_0123456789";
    private static final long OLENA = 7_100_000_101L;

    private TelegramStandIn telegram;
    private TelegramBot bot;

    @BeforeEach
    void start() {
        telegram = TelegramStandIn.start(0, TOKEN);
        bot = new TelegramBot.Builder(TOKEN).apiUrl(telegram.apiUrl()).fileApiUrl(telegram.fileApiUrl()).build();
        telegram.user(OLENA, "Олена", "Петренко", "uk");
    }

    @AfterEach
    void stop() {
        bot.shutdown();
        telegram.close();
    }

    private List<Update> poll(int timeoutSeconds) {
        GetUpdatesResponse r = bot.execute(new GetUpdates().timeout(timeoutSeconds));
        assertThat(r.isOk()).as(r.description()).isTrue();
        return r.updates();
    }

    private void acknowledge(List<Update> updates) {
        bot.execute(new GetUpdates().offset(updates.get(updates.size() - 1).updateId() + 1).timeout(0));
    }

    private Message send(SendMessage request) {
        SendResponse r = bot.execute(request);
        assertThat(r.isOk()).as(r.description()).isTrue();
        return r.message();
    }

    @Test
    void getMeDescribesTheBotWhoseIdIsInTheToken() {
        var me = bot.execute(new GetMe()).user();

        assertThat(me.id()).isEqualTo(7012345678L);
        assertThat(me.isBot()).isTrue();
        assertThat(me.username()).isEqualTo(telegram.botUsername());
        assertThat(telegram.methodCalls()).containsEntry("getMe", 1);
    }

    @Test
    void aWrongTokenIsUnauthorized() {
        TelegramBot stranger = new TelegramBot.Builder("123:wrong").apiUrl(telegram.apiUrl()).build();
        try {
            BaseResponse r = stranger.execute(new GetMe());
            assertThat(r.isOk()).isFalse();
            assertThat(r.errorCode()).isEqualTo(401);
            assertThat(r.description()).isEqualTo("Unauthorized");
        } finally {
            stranger.shutdown();
        }
    }

    @Test
    void aLongPollReturnsAsSoonAsTheUserWritesAndOffsetAcknowledges() throws Exception {
        CompletableFuture<List<Update>> pending = CompletableFuture.supplyAsync(() -> poll(10));
        Thread.sleep(300);
        assertThat(pending).isNotDone();

        long updateId = telegram.sendText(OLENA, "/start");

        List<Update> updates = pending.get(3, TimeUnit.SECONDS);
        assertThat(updates).hasSize(1);
        Update u = updates.get(0);
        assertThat(u.updateId().longValue()).isEqualTo(updateId);
        Message m = u.message();
        assertThat(m.text()).isEqualTo("/start");
        assertThat(m.entities()).extracting(MessageEntity::type).containsExactly(MessageEntity.Type.bot_command);
        assertThat(m.from().id()).isEqualTo(OLENA);
        assertThat(m.from().isBot()).isFalse();
        assertThat(m.from().firstName()).isEqualTo("Олена");
        assertThat(m.from().languageCode()).isEqualTo("uk");
        assertThat(m.chat().id()).isEqualTo(OLENA);
        assertThat(m.chat().type()).isEqualTo(Chat.Type.Private);
        assertThat(m.messageId()).isEqualTo(1);
        assertThat(m.date()).isPositive();

        assertThat(poll(0)).hasSize(1); // not acknowledged yet: delivered again
        acknowledge(updates);
        assertThat(telegram.pendingUpdateCount()).isZero();
        assertThat(poll(0)).isEmpty();
    }

    @Test
    void aNewerLongPollTerminatesTheOlderOneWithAConflict() throws Exception {
        CompletableFuture<GetUpdatesResponse> older =
                CompletableFuture.supplyAsync(() -> bot.execute(new GetUpdates().timeout(10)));
        Thread.sleep(300);
        CompletableFuture<GetUpdatesResponse> newer =
                CompletableFuture.supplyAsync(() -> bot.execute(new GetUpdates().timeout(1)));

        GetUpdatesResponse r = older.get(3, TimeUnit.SECONDS);
        assertThat(r.errorCode()).isEqualTo(409);
        assertThat(newer.get(3, TimeUnit.SECONDS).isOk()).isTrue();
    }

    @Test
    void keyboardsTheBotSendsShowUpInMessagesTo() {
        telegram.sendText(OLENA, "/start");

        Message contactRequest = send(new SendMessage(OLENA, "Поділіться номером телефону")
                .replyMarkup(new ReplyKeyboardMarkup(new KeyboardButton("📱 Надіслати номер").requestContact(true))
                        .oneTimeKeyboard(true).resizeKeyboard(true)));
        Message menu = send(new SendMessage(OLENA, "<b>Меню</b>").parseMode(ParseMode.HTML)
                .replyMarkup(new InlineKeyboardMarkup(
                        new InlineKeyboardButton[] {new InlineKeyboardButton("Нова заявка").callbackData("new")},
                        new InlineKeyboardButton[] {new InlineKeyboardButton("Мої заявки").callbackData("mine"),
                            new InlineKeyboardButton("Довідка").callbackData("help")})));

        assertThat(contactRequest.messageId()).isEqualTo(2);
        assertThat(menu.messageId()).isEqualTo(3);
        assertThat(menu.text()).isEqualTo("Меню");
        assertThat(menu.entities()).extracting(MessageEntity::type).containsExactly(MessageEntity.Type.bold);
        assertThat(menu.replyMarkup().inlineKeyboard()).hasNumberOfRows(2);

        List<SentMessage> sent = telegram.messagesTo(OLENA);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).requestsContact()).isTrue();
        assertThat(sent.get(0).buttonTexts()).containsExactly("📱 Надіслати номер");
        SentMessage m = sent.get(1);
        assertThat(m.requestsContact()).isFalse();
        assertThat(m.text()).isEqualTo("<b>Меню</b>");
        assertThat(m.plainText()).isEqualTo("Меню");
        assertThat(m.parseMode()).isEqualTo("HTML");
        assertThat(m.buttonTexts()).containsExactly("Нова заявка", "Мої заявки", "Довідка");
        assertThat(m.callbackDataOf("Мої заявки")).contains("mine");
        assertThat(m.callbackDataOf("Немає такої")).isEmpty();
        assertThat(m.editCount()).isZero();
        assertThat(telegram.replyKeyboardOf(OLENA)).isPresent();

        send(new SendMessage(OLENA, "Дякуємо").replyMarkup(new ReplyKeyboardRemove()));
        assertThat(telegram.replyKeyboardOf(OLENA)).isEmpty();
    }

    @Test
    void editsChangeTheStoredMessageAndAnUnchangedEditIsRefused() {
        telegram.sendText(OLENA, "/start");
        InlineKeyboardMarkup keyboard = new InlineKeyboardMarkup(new InlineKeyboardButton("Так").callbackData("yes"));
        Message m = send(new SendMessage(OLENA, "Створити заявку?").replyMarkup(keyboard));

        BaseResponse edit = bot.execute(new EditMessageText(OLENA, m.messageId(), "Заявку <b>SD-1</b> створено")
                .parseMode(ParseMode.HTML).replyMarkup(keyboard));
        assertThat(edit.isOk()).as(edit.description()).isTrue();
        SentMessage edited = telegram.messagesTo(OLENA).get(0);
        assertThat(edited.text()).isEqualTo("Заявку <b>SD-1</b> створено");
        assertThat(edited.plainText()).isEqualTo("Заявку SD-1 створено");
        assertThat(edited.editCount()).isEqualTo(1);
        assertThat(edited.buttonTexts()).containsExactly("Так");

        BaseResponse same = bot.execute(new EditMessageText(OLENA, m.messageId(), "Заявку <b>SD-1</b> створено")
                .parseMode(ParseMode.HTML).replyMarkup(keyboard));
        assertThat(same.errorCode()).isEqualTo(400);
        assertThat(same.description()).startsWith("Bad Request: message is not modified");

        BaseResponse removeKeyboard = bot.execute(new EditMessageReplyMarkup(OLENA, m.messageId()));
        assertThat(removeKeyboard.isOk()).as(removeKeyboard.description()).isTrue();
        assertThat(telegram.messagesTo(OLENA).get(0).replyMarkup()).isNull();
        assertThat(telegram.messagesTo(OLENA).get(0).editCount()).isEqualTo(2);

        BaseResponse missing = bot.execute(new EditMessageText(OLENA, 999, "x"));
        assertThat(missing.description()).isEqualTo("Bad Request: message to edit not found");
        BaseResponse usersOwn = bot.execute(new EditMessageText(OLENA, 1, "x"));
        assertThat(usersOwn.description()).isEqualTo("Bad Request: message can't be edited");
    }

    @Test
    void aPressedButtonArrivesAsACallbackQueryOnTheBotsMessageAndIsAnsweredOnce() {
        telegram.sendText(OLENA, "/menu");
        acknowledge(poll(0));
        Message menu = send(new SendMessage(OLENA, "Меню")
                .replyMarkup(new InlineKeyboardMarkup(new InlineKeyboardButton("Мої заявки").callbackData("mine"))));

        telegram.pressButton(OLENA, menu.messageId(), "mine");

        List<Update> updates = poll(2);
        CallbackQuery q = updates.get(0).callbackQuery();
        assertThat(q.data()).isEqualTo("mine");
        assertThat(q.from().id()).isEqualTo(OLENA);
        assertThat(q.message().messageId()).isEqualTo(menu.messageId());
        assertThat(q.message().text()).isEqualTo("Меню");
        assertThat(q.message().replyMarkup().inlineKeyboard()[0][0].callbackData()).isEqualTo("mine");
        assertThat(q.chatInstance()).isNotBlank();

        BaseResponse answer = bot.execute(new AnswerCallbackQuery(q.id()).text("Завантажую…").showAlert(true));
        assertThat(answer.isOk()).isTrue();
        assertThat(telegram.callbackAnswers()).containsExactly(new CallbackAnswer(q.id(), "Завантажую…", true));

        BaseResponse again = bot.execute(new AnswerCallbackQuery(q.id()));
        assertThat(again.errorCode()).isEqualTo(400);
        assertThat(again.description()).contains("query ID is invalid");
        assertThatThrownBy(() -> telegram.pressButton(OLENA, 1, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contactsCarryTheUserIdOnlyWhenTelegramWouldSetIt() {
        telegram.sendContact(OLENA, "380501112233", OLENA, "Олена");
        telegram.sendContact(OLENA, "+380671234567", null, "Іван");

        List<Update> updates = poll(1);
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).message().contact().userId()).isEqualTo(OLENA);
        assertThat(updates.get(0).message().contact().phoneNumber()).isEqualTo("380501112233");
        assertThat(updates.get(0).message().text()).isNull();
        assertThat(updates.get(1).message().contact().userId()).isNull();
        assertThat(updates.get(1).updateId()).isEqualTo(updates.get(0).updateId() + 1);
    }

    @Test
    void aReplyCarriesTheMessageItAnswers() {
        telegram.sendText(OLENA, "/start");
        Message notice = send(new SendMessage(OLENA, "SD-7: статус змінено на «В роботі»"));
        acknowledge(poll(0));

        telegram.replyTo(OLENA, notice.messageId(), "Дякую, чекаю");

        Message reply = poll(1).get(0).message();
        assertThat(reply.replyToMessage().messageId()).isEqualTo(notice.messageId());
        assertThat(reply.replyToMessage().from().isBot()).isTrue();
        assertThat(reply.text()).isEqualTo("Дякую, чекаю");
    }

    @Test
    void setMyCommandsIsRecordedPerScopeAndLanguage() {
        BaseResponse uk = bot.execute(new SetMyCommands(new BotCommand("start", "Почати"),
                new BotCommand("help", "Довідка")).scope(new BotCommandScopeAllPrivateChats()).languageCode("uk"));
        BaseResponse all = bot.execute(new SetMyCommands(new BotCommand("start", "Start")));

        assertThat(uk.isOk()).as(uk.description()).isTrue();
        assertThat(all.isOk()).isTrue();
        assertThat(telegram.commands()).containsExactly(
                new CommandSet("uk", "all_private_chats", List.of("start", "help")),
                new CommandSet("", "default", List.of("start")));
        assertThat(bot.execute(new GetMyCommands().scope(new BotCommandScopeAllPrivateChats()).languageCode("uk"))
                .commands()).extracting(BotCommand::command).containsExactly("start", "help");

        BaseResponse bad = bot.execute(new SetMyCommands(new BotCommand("Bad Command", "x")));
        assertThat(bad.errorCode()).isEqualTo(400);
    }

    @Test
    void textsAreLimitedTo4096CharactersAfterMarkupIsRemoved() {
        telegram.sendText(OLENA, "/start");

        assertThat(bot.execute(new SendMessage(OLENA, "я".repeat(4096))).isOk()).isTrue();
        assertThat(bot.execute(new SendMessage(OLENA, "<b>" + "я".repeat(4096) + "</b>").parseMode(ParseMode.HTML))
                .isOk()).isTrue();

        SendResponse tooLong = bot.execute(new SendMessage(OLENA, "я".repeat(4097)));
        assertThat(tooLong.errorCode()).isEqualTo(400);
        assertThat(tooLong.description()).isEqualTo("Bad Request: message is too long");
        assertThat(bot.execute(new SendMessage(OLENA, "")).description()).isEqualTo("Bad Request: message text is empty");
    }

    @Test
    void badHtmlAndOversizedCallbackDataAreRefusedAsTelegramDoes() {
        telegram.sendText(OLENA, "/start");

        SendResponse unbalanced = bot.execute(new SendMessage(OLENA, "<b>жирний <i>курсив</b></i>")
                .parseMode(ParseMode.HTML));
        assertThat(unbalanced.errorCode()).isEqualTo(400);
        assertThat(unbalanced.description()).startsWith("Bad Request: can't parse entities: Unmatched end tag");

        SendResponse unsupported = bot.execute(new SendMessage(OLENA, "<script>x</script>").parseMode(ParseMode.HTML));
        assertThat(unsupported.description()).contains("Unsupported start tag \"script\"");

        SendResponse escaped = bot.execute(new SendMessage(OLENA, "&lt;script&gt; &amp; <a href=\"https://jira"
                + ".example.com/browse/SD-1\">SD-1</a>").parseMode(ParseMode.HTML));
        assertThat(escaped.isOk()).isTrue();
        assertThat(escaped.message().text()).isEqualTo("<script> & SD-1");
        assertThat(escaped.message().entities()[0].url()).isEqualTo("https://jira.example.com/browse/SD-1");

        SendResponse longData = bot.execute(new SendMessage(OLENA, "x").replyMarkup(new InlineKeyboardMarkup(
                new InlineKeyboardButton("x").callbackData("д".repeat(33)))));
        assertThat(longData.description()).isEqualTo("Bad Request: BUTTON_DATA_INVALID");
    }

    @Test
    void unknownChatsAndUsersWhoNeverWroteAreRefused() {
        SendResponse unknown = bot.execute(new SendMessage(424242L, "Привіт"));
        assertThat(unknown.errorCode()).isEqualTo(400);
        assertThat(unknown.description()).isEqualTo("Bad Request: chat not found");

        SendResponse notStarted = bot.execute(new SendMessage(OLENA, "Привіт"));
        assertThat(notStarted.errorCode()).isEqualTo(403);

        telegram.sendText(OLENA, "/start");
        telegram.setBotBlocked(OLENA, true);
        SendResponse blocked = bot.execute(new SendMessage(OLENA, "Привіт"));
        assertThat(blocked.errorCode()).isEqualTo(403);
        assertThat(blocked.description()).isEqualTo("Forbidden: bot was blocked by the user");
    }

    @Test
    void floodLimitsAnswer429WithRetryAfter() {
        telegram.sendText(OLENA, "/start");
        telegram.setRateLimits(0, 1);

        assertThat(bot.execute(new SendMessage(OLENA, "1")).isOk()).isTrue();
        SendResponse second = bot.execute(new SendMessage(OLENA, "2"));

        assertThat(second.errorCode()).isEqualTo(429);
        assertThat(second.description()).startsWith("Too Many Requests: retry after ");
        assertThat(second.parameters().retryAfter()).isBetween(1, 2);
        assertThat(telegram.rateLimitHits()).isEqualTo(1);
        assertThat(telegram.messagesTo(OLENA)).hasSize(1);
    }

    @Test
    void webhookDeliveryIsOrderedCarriesTheSecretAndRetriesFailures() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> secrets = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/telegram/webhook", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean fail = calls.incrementAndGet() == 1; // the bot is briefly down
                if (!fail) {
                    bodies.add(new String(body, StandardCharsets.UTF_8));
                    secrets.add(exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token"));
                }
                exchange.sendResponseHeaders(fail ? 502 : 200, -1);
            }
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/telegram/webhook";
            BaseResponse set = bot.execute(new SetWebhook().url(url).secretToken("s3cr3t-Token_1"));
            assertThat(set.isOk()).as(set.description()).isTrue();
            assertThat(telegram.webhookUrl()).contains(url);

            long first = telegram.sendText(OLENA, "перше");
            telegram.sendText(OLENA, "друге");
            telegram.sendText(OLENA, "третє");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (bodies.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(bodies).hasSize(3);
            assertThat(bodies).extracting(b -> BotUtils.parseUpdate(b).message().text())
                    .containsExactly("перше", "друге", "третє");
            assertThat(BotUtils.parseUpdate(bodies.get(0)).updateId().longValue()).isEqualTo(first);
            assertThat(secrets).containsOnly("s3cr3t-Token_1");
            assertThat(calls.get()).isEqualTo(4);
            assertThat(bot.execute(new GetWebhookInfo()).webhookInfo().lastErrorMessage()).contains("502");

            GetUpdatesResponse conflict = bot.execute(new GetUpdates());
            assertThat(conflict.errorCode()).isEqualTo(409);

            assertThat(bot.execute(new DeleteWebhook()).isOk()).isTrue();
            assertThat(telegram.webhookUrl()).isEmpty();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void documentsTravelBothWaysThroughMultipartAndTheFileApi() throws Exception {
        telegram.sendDocument(OLENA, "screenshot.txt", "text/plain", "помилка 0x80070005".getBytes(StandardCharsets.UTF_8),
                "Ось лог");
        Message incoming = poll(1).get(0).message();
        assertThat(incoming.caption()).isEqualTo("Ось лог");
        assertThat(incoming.document().fileName()).isEqualTo("screenshot.txt");

        GetFileResponse file = bot.execute(new GetFile(incoming.document().fileId()));
        assertThat(file.isOk()).isTrue();
        assertThat(new String(bot.getFileContent(file.file()), StandardCharsets.UTF_8)).isEqualTo("помилка 0x80070005");

        SendResponse upload = bot.execute(new SendDocument(OLENA, "звіт".getBytes(StandardCharsets.UTF_8))
                .fileName("report.csv").caption("Звіт"));
        assertThat(upload.isOk()).as(upload.description()).isTrue();
        assertThat(upload.message().document().fileName()).isEqualTo("report.csv");
        SentMessage stored = telegram.messagesTo(OLENA).get(0);
        assertThat(stored.text()).isEqualTo("Звіт");
        assertThat(telegram.fileOf(OLENA, stored.messageId()).orElseThrow().content())
                .isEqualTo("звіт".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonAndQueryStringEncodingsAreAcceptedToo() throws Exception {
        telegram.sendText(OLENA, "/start");
        HttpClient http = HttpClient.newHttpClient();
        String json = "{\"chat_id\": " + OLENA + ", \"text\": \"JSON\", \"reply_markup\": {\"inline_keyboard\":"
                + " [[{\"text\": \"OK\", \"callback_data\": \"ok\"}]]}}";

        HttpResponse<String> viaJson = http.send(HttpRequest.newBuilder(URI.create(telegram.apiUrl() + TOKEN
                + "/sendMessage")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> viaQuery = http.send(HttpRequest.newBuilder(URI.create(telegram.apiUrl() + TOKEN
                + "/sendMessage?chat_id=" + OLENA + "&text=%D0%9F%D1%80%D0%B8%D0%B2%D1%96%D1%82")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownMethod = http.send(HttpRequest.newBuilder(URI.create(telegram.apiUrl() + TOKEN
                + "/launchRockets")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(viaJson.statusCode()).as(viaJson.body()).isEqualTo(200);
        assertThat(viaQuery.statusCode()).as(viaQuery.body()).isEqualTo(200);
        assertThat(unknownMethod.statusCode()).isEqualTo(404);
        assertThat(telegram.messagesTo(OLENA)).extracting(SentMessage::text).containsExactly("JSON", "Привіт");
        assertThat(telegram.messagesTo(OLENA).get(0).callbackDataOf("OK")).contains("ok");
    }

    @Test
    void awaitMessageWaitsForTheBotAndDumpsTheChatWhenNothingComes() {
        telegram.sendText(OLENA, "/start");
        CompletableFuture.runAsync(() -> {
            sleep(200);
            bot.execute(new SendMessage(OLENA, "Вітаємо!"));
        });

        SentMessage greeting = telegram.awaitMessage(OLENA, m -> m.text().startsWith("Вітаємо"), Duration.ofSeconds(3));
        assertThat(greeting.messageId()).isEqualTo(2);

        assertThatThrownBy(() -> telegram.awaitMessage(OLENA, m -> m.text().contains("SD-"), Duration.ofMillis(200)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("#1 user: /start")
                .hasMessageContaining("#2 bot:  Вітаємо!");
    }

    @Test
    void seededPeopleActWithTheirOwnNamesAndLanguage() {
        SeedPerson english = SeedPeople.all().stream().filter(p -> p.languageCode().equals("en")).findFirst()
                .orElseThrow();

        telegram.sendText(english.telegramUserId(), "hello");

        Message m = poll(1).get(0).message();
        assertThat(m.from().firstName()).isEqualTo(english.firstName());
        assertThat(m.from().lastName()).isEqualTo(english.lastName());
        assertThat(m.from().languageCode()).isEqualTo("en");
        assertThat(m.from().id()).isEqualTo(english.telegramUserId());
    }

    @Test
    void aPhotoIsRelayedToAnotherChatByCopyMessageAndCanBeDeleted() throws Exception {
        long specialist = 7_100_000_202L;
        telegram.user(specialist, "Богдан", "Руденко", "uk");
        telegram.sendText(specialist, "/start");
        BufferedImage image = new BufferedImage(64, 48,
                BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        telegram.sendPhoto(OLENA, png.toByteArray(), "Екран з помилкою");
        Message photo = poll(1).stream().filter(u -> u.message().photo() != null).findFirst().orElseThrow().message();
        assertThat(photo.photo()[0].width()).isEqualTo(64);
        assertThat(photo.caption()).isEqualTo("Екран з помилкою");

        var copy = bot.execute(new CopyMessage(specialist, OLENA, photo.messageId().intValue()));
        assertThat(copy.isOk()).as(copy.description()).isTrue();
        SentMessage relayed = telegram.messagesTo(specialist).get(0);
        assertThat(relayed.text()).isEqualTo("Екран з помилкою");
        assertThat(telegram.fileOf(specialist, relayed.messageId()).orElseThrow().content())
                .isEqualTo(png.toByteArray());

        assertThat(bot.execute(new DeleteMessage(specialist, copy.messageId()))
                .isOk()).isTrue();
        assertThat(telegram.messagesTo(specialist)).isEmpty();
        assertThat(bot.execute(new DeleteMessage(specialist, copy.messageId()))
                .description()).isEqualTo("Bad Request: message to delete not found");
    }

    @Test
    void aCraftedUpdateIsDeliveredAsWrittenAndOpensAKnownUsersChat() {
        long updateId = telegram.sendRawUpdate("{\"message\":{\"message_id\":77,\"date\":1,\"chat\":{\"id\":"
                + OLENA + ",\"type\":\"private\",\"first_name\":\"Олена\"},\"from\":{\"id\":" + OLENA
                + ",\"is_bot\":false,\"first_name\":\"Олена\"},\"contact\":{\"phone_number\":\"+380501112233\","
                + "\"first_name\":\"Чужий\",\"user_id\":1}}}");

        Update u = poll(1).get(0);
        assertThat(u.updateId().longValue()).isEqualTo(updateId);
        assertThat(u.message().contact().userId()).isEqualTo(1L);
        assertThat(bot.execute(new SendMessage(OLENA, "Номер не ваш")).isOk()).isTrue();
        assertThatThrownBy(() -> telegram.sendRawUpdate("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageCanBeServedFromTheSameOrigin() throws Exception {
        telegram.serve("/sandbox/", exchange -> {
            try (exchange) {
                byte[] page = "<html>chat</html>".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            }
        });

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(telegram.baseUrl() + "/sandbox/index.html")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(telegram.baseUrl() + "/sandbox/api/users")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.body()).isEqualTo("<html>chat</html>");
        assertThat(api.body()).contains("Олена");
    }

    @Test
    void aVoiceNoteArrivesWithItsDurationAndDownloadsThroughTheFileApi() throws Exception {
        byte[] ogg = oggBytes();
        telegram.sendVoice(OLENA, ogg, 7, null, null);

        Message m = poll(1).get(0).message();
        Voice voice = m.voice();
        assertThat(voice.duration()).isEqualTo(7);
        assertThat(voice.mimeType()).isEqualTo("audio/ogg");
        assertThat(voice.fileSize()).isEqualTo(ogg.length);
        assertThat(voice.fileUniqueId()).isNotBlank();
        assertThat(m.text()).isNull();
        assertThat(m.caption()).isNull();

        GetFileResponse file = bot.execute(new GetFile(voice.fileId()));
        assertThat(file.isOk()).as(file.description()).isTrue();
        assertThat(file.file().filePath()).startsWith("voice/").endsWith(".oga");
        assertThat(bot.getFileContent(file.file())).isEqualTo(ogg);
    }

    @Test
    void theBotRelaysMediaByFileIdWithACaptionAndAReply() throws Exception {
        long specialist = 7_100_000_202L;
        telegram.user(specialist, "Богдан", "Руденко", "uk");
        telegram.sendText(specialist, "Слухаю");
        telegram.sendVoice(OLENA, oggBytes(), 4, null, null);
        telegram.sendPhoto(OLENA, pngBytes(), "Екран");
        telegram.sendDocument(OLENA, "log.txt", "text/plain", "помилка".getBytes(StandardCharsets.UTF_8), null);
        List<Message> fromOlena = poll(1).stream().map(Update::message).filter(m -> m.chat().id() == OLENA).toList();
        String voiceId = fromOlena.get(0).voice().fileId();
        String photoId = fromOlena.get(1).photo()[0].fileId();
        String documentId = fromOlena.get(2).document().fileId();

        SendResponse voice = bot.execute(new SendVoice(specialist, voiceId).caption("<b>Олена:</b>")
                .parseMode(ParseMode.HTML).replyParameters(new ReplyParameters(1)));
        SendResponse photo = bot.execute(new SendPhoto(specialist, photoId).caption("Олена: Екран"));
        SendResponse document = bot.execute(new SendDocument(specialist, documentId).caption("Олена:"));

        assertThat(voice.isOk()).as(voice.description()).isTrue();
        assertThat(voice.message().voice().fileId()).isEqualTo(voiceId);
        assertThat(voice.message().voice().duration()).isEqualTo(4);
        assertThat(voice.message().caption()).isEqualTo("Олена:");
        assertThat(voice.message().replyToMessage().messageId()).isEqualTo(1);
        assertThat(photo.message().photo()[0].fileId()).isEqualTo(photoId);
        assertThat(document.message().document().fileName()).isEqualTo("log.txt");
        List<SentMessage> relayed = telegram.messagesTo(specialist);
        assertThat(relayed).extracting(m -> m.file().kind()).containsExactly("voice", "photo", "document");
        assertThat(relayed).extracting(SentMessage::replyTo).containsExactly(1L, null, null);
        assertThat(relayed.get(0).plainText()).isEqualTo("Олена:");
        assertThat(relayed.get(1).file().content()).isEqualTo(pngBytes());
    }

    @Test
    void theBotUploadsAVoiceNoteWithTheDurationItGives() {
        telegram.sendText(OLENA, "/start");

        SendResponse r = bot.execute(new SendVoice(OLENA, oggBytes()).duration(5).caption("Відповідь"));

        assertThat(r.isOk()).as(r.description()).isTrue();
        assertThat(r.message().voice().duration()).isEqualTo(5);
        assertThat(r.message().caption()).isEqualTo("Відповідь");
        assertThat(telegram.messagesTo(OLENA).get(0).file().content()).isEqualTo(oggBytes());
    }

    @Test
    void unknownAndMismatchedFileIdsAreRefusedAsTelegramDoes() throws Exception {
        telegram.sendDocument(OLENA, "log.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8), null);
        telegram.sendVoice(OLENA, oggBytes(), 2, null, null);
        List<Update> updates = poll(1);
        String documentId = updates.get(0).message().document().fileId();
        String voiceId = updates.get(1).message().voice().fileId();

        SendResponse unknown = bot.execute(new SendVoice(OLENA, "AwACAgIAAxkBAAIunknown"));
        SendResponse documentAsPhoto = bot.execute(new SendPhoto(OLENA, documentId));
        SendResponse voiceAsDocument = bot.execute(new SendDocument(OLENA, voiceId));

        assertThat(unknown.errorCode()).isEqualTo(400);
        assertThat(unknown.description()).isEqualTo("Bad Request: wrong file identifier/HTTP URL specified");
        assertThat(documentAsPhoto.description()).isEqualTo("Bad Request: type of file mismatch");
        assertThat(voiceAsDocument.description()).isEqualTo("Bad Request: type of file mismatch");
        assertThat(telegram.messagesTo(OLENA)).isEmpty();
    }

    @Test
    void aUsersEditArrivesAsAnEditedMessageWithTheSameIdAndAnEditDate() {
        telegram.sendText(OLENA, "Принтер не друкує");
        telegram.sendPhoto(OLENA, pngBytes(), "Екран");
        acknowledge(poll(0));

        long textEdit = telegram.editMessage(OLENA, 1, "Принтер на 3 поверсі не друкує");
        telegram.editMessage(OLENA, 2, "Екран з помилкою");
        telegram.editMessage(OLENA, 2, "");

        List<Update> updates = poll(1);
        assertThat(updates).hasSize(3).allSatisfy(u -> assertThat(u.message()).isNull());
        Message text = updates.get(0).editedMessage();
        assertThat(updates.get(0).updateId().longValue()).isEqualTo(textEdit);
        assertThat(text.messageId()).isEqualTo(1);
        assertThat(text.text()).isEqualTo("Принтер на 3 поверсі не друкує");
        assertThat(text.editDate()).isGreaterThanOrEqualTo(text.date());
        assertThat(updates.get(1).editedMessage().caption()).isEqualTo("Екран з помилкою");
        assertThat(updates.get(1).editedMessage().photo()).isNotEmpty();
        assertThat(updates.get(2).editedMessage().caption()).isNull();
        JsonNode stored = telegram.chatView(OLENA, -1, 0).get("messages");
        assertThat(stored.get(0).get("text").asText()).isEqualTo("Принтер на 3 поверсі не друкує");
        assertThat(stored.get(0).get("editCount").asInt()).isEqualTo(1);
        assertThat(stored.get(1).get("telegram").has("caption")).isFalse();
    }

    @Test
    void editsOfMessagesTheUserCannotEditAreRefused() {
        telegram.sendText(OLENA, "Привіт");
        Message botMessage = send(new SendMessage(OLENA, "Вітаю"));
        telegram.sendContact(OLENA, "380501112233", OLENA, "Олена");

        assertThatThrownBy(() -> telegram.editMessage(OLENA, 99, "x")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("no message 99");
        assertThatThrownBy(() -> telegram.editMessage(OLENA, botMessage.messageId(), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bot's");
        assertThatThrownBy(() -> telegram.editMessage(OLENA, 3, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> telegram.editMessage(OLENA, 1, "Привіт")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("changes nothing");
        assertThatThrownBy(() -> telegram.editMessage(OLENA, 1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(poll(0)).extracting(Update::editedMessage).containsOnlyNulls();
    }

    @Test
    void editedMessagesAreDeliveredOnlyWhenAllowedUpdatesAsksForThem() {
        telegram.sendText(OLENA, "перше");
        telegram.editMessage(OLENA, 1, "перше, виправлене");

        List<Update> allowed = bot.execute(new GetUpdates().allowedUpdates("message", "edited_message")).updates();
        assertThat(allowed).extracting(u -> u.editedMessage() == null ? u.message().text() : u.editedMessage().text())
                .containsExactly("перше", "перше, виправлене");
        acknowledge(allowed);

        telegram.editMessage(OLENA, 1, "перше, ще раз");
        telegram.sendText(OLENA, "друге");
        List<Update> messagesOnly = bot.execute(new GetUpdates().allowedUpdates("message")).updates();
        assertThat(messagesOnly).extracting(u -> u.message().text()).containsExactly("друге");
    }

    @Test
    void mediaCanReplyToAMessageOfTheChat() {
        telegram.sendText(OLENA, "/start");
        Message question = send(new SendMessage(OLENA, "Надішліть знімок екрана"));

        telegram.sendPhoto(OLENA, pngBytes(), null, (long) question.messageId());
        telegram.sendDocument(OLENA, "log.txt", null, "x".getBytes(StandardCharsets.UTF_8), null, 1L);
        telegram.sendVoice(OLENA, oggBytes(), 1, "ось", (long) question.messageId());

        List<Message> replies = poll(1).stream().skip(1).map(Update::message).toList();
        assertThat(replies).extracting(m -> m.replyToMessage().messageId())
                .containsExactly(question.messageId(), 1, question.messageId());
        assertThat(replies.get(2).replyToMessage().text()).isEqualTo("Надішліть знімок екрана");
        assertThatThrownBy(() -> telegram.sendVoice(OLENA, oggBytes(), 1, null, 99L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** An OGG page header and a few bytes: the stand-in, like Telegram's servers, takes a voice note as it comes. */
    private static byte[] oggBytes() {
        return "OggS\0\2voice-note-payload".getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pngBytes() {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", png);
            return png.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
