package ua.itdesk.bot.telegram;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.model.request.KeyboardButton;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.model.request.ReplyKeyboardMarkup;
import com.pengrad.telegrambot.model.request.ReplyKeyboardRemove;
import com.pengrad.telegrambot.model.request.ReplyParameters;
import com.pengrad.telegrambot.request.AbstractSendRequest;
import com.pengrad.telegrambot.request.AnswerCallbackQuery;
import com.pengrad.telegrambot.request.BaseRequest;
import com.pengrad.telegrambot.request.EditMessageCaption;
import com.pengrad.telegrambot.request.EditMessageText;
import com.pengrad.telegrambot.request.SendDocument;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.request.SendPhoto;
import com.pengrad.telegrambot.request.SendVoice;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.SendResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingFile;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.conversation.OutgoingUpload;
import ua.itdesk.bot.crypto.FieldCipher;

/**
 * {@link MessageSender} over the Bot API, always in HTML parse mode, and the one way out to Telegram (R2, R5).
 * {@link #send} puts the message into the outbox ({@code outgoing_messages}), delivered by the
 * {@link OutboxDispatcher}; the other calls need Telegram's answer and are made at once. Both go through one
 * {@link SendLimiter}, so together they stay within {@code bot.telegram.outgoing.global-per-second} and
 * {@code per-chat-per-second}; a 429 holds every call for Telegram's {@code retry_after}. Failures are logged
 * without the text, and counted.
 */
@ApplicationScoped
public class TelegramMessageSender implements MessageSender {

    private static final Logger LOG = Logger.getLogger(TelegramMessageSender.class);
    private static final int MAX_ATTEMPTS = 3;
    /** A synchronous caller (a chat's lane) waits out a 429 up to this long; longer, it gives up (logged). */
    private static final int MAX_RETRY_AFTER_SECONDS = 30;
    /** How long a new message sent at once waits for the chat's queued ones to leave first, to keep the order. */
    private static final Duration QUEUED_FIRST_WAIT = Duration.ofSeconds(10);
    private static final long QUEUED_FIRST_POLL_MILLIS = 20;

    private final BotApiCalls calls;
    private final OutboxStore outbox;
    private final OutboxDispatcher dispatcher;

    TelegramMessageSender(TelegramBot bot, DataSource db, FieldCipher cipher, MeterRegistry metrics,
            BotConfig config) {
        BotConfig.Outgoing outgoing = config.telegram().outgoing();
        this.calls = new BotApiCalls(bot,
                new SendLimiter(outgoing.globalPerSecond(), outgoing.perChatPerSecond()), metrics);
        this.outbox = new OutboxStore(db, cipher);
        this.dispatcher = new OutboxDispatcher(outbox, calls, outgoing);
        // counted when scraped; while the database is away the gauge reads NaN
        Gauge.builder("bot.outbox.backlog", outbox, OutboxStore::backlog)
                .description("messages waiting in the outbox, over all instances").register(metrics);
        Gauge.builder("bot.outbox.oldest.age", outbox, OutboxStore::oldestAgeSeconds).baseUnit("seconds")
                .description("how long the oldest message in the outbox has waited").register(metrics);
    }

    void start(@Observes StartupEvent event) {
        dispatcher.start();
    }

    void stop(@Observes ShutdownEvent event) {
        dispatcher.stop();
    }

    /** Queues the message; when the database cannot take it, it is sent at once instead (logged). */
    @Override
    public void send(OutgoingMessage message) {
        try {
            outbox.enqueue(message);
        } catch (RuntimeException e) {
            LOG.warnf("could not queue a message to chat %d, sending it at once: %s", message.chatId(), e.toString());
            execute(sendMessage(message), "sendMessage", message.chatId());
            return;
        }
        dispatcher.wake();
    }

    @Override
    public OptionalLong sendAndGetId(OutgoingMessage message) {
        queuedFirst(message.chatId());
        return idOf(execute(sendMessage(message), "sendMessage", message.chatId()));
    }

    static SendMessage sendMessage(OutgoingMessage message) {
        SendMessage request = new SendMessage(message.chatId(), message.html()).parseMode(ParseMode.HTML);
        com.pengrad.telegrambot.model.request.Keyboard markup = markup(message.keyboard());
        if (markup != null) {
            request.replyMarkup(markup);
        }
        return replyingTo(request, message.replyTo());
    }

    /** The bean's own dispatcher, so that a test can stop it as a process would stop. */
    OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    /** The pieces a test needs to start a dispatcher of its own on the same database, as another instance would. */
    OutboxStore outbox() {
        return outbox;
    }

    /**
     * Waits (a bounded while) until the chat has nothing queued: a message sent at once must not overtake the
     * messages queued before it.
     */
    private void queuedFirst(long chatId) {
        long deadline = System.nanoTime() + QUEUED_FIRST_WAIT.toNanos();
        try {
            while (outbox.hasWaiting(chatId)) {
                if (System.nanoTime() - deadline > 0) {
                    LOG.warnf("chat %d still has queued messages after %s; sending the next one anyway", chatId,
                            QUEUED_FIRST_WAIT);
                    return;
                }
                Thread.sleep(QUEUED_FIRST_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debugf("could not look at the outbox of chat %d: %s", chatId, e.toString());
        }
    }

    @Override
    public OptionalLong sendFile(OutgoingFile file) {
        String caption = file.captionHtml();
        long chat = file.chatId();
        queuedFirst(chat);
        // each media request has its own caption setters; the file id is sent as a string, nothing is uploaded
        return switch (file.kind()) {
            case PHOTO -> {
                SendPhoto request = new SendPhoto(chat, file.fileId());
                if (caption != null) {
                    request.caption(caption).parseMode(ParseMode.HTML);
                }
                yield idOf(execute(replyingTo(request, file.replyTo()), "sendPhoto", chat));
            }
            case DOCUMENT -> {
                SendDocument request = new SendDocument(chat, file.fileId());
                if (caption != null) {
                    request.caption(caption).parseMode(ParseMode.HTML);
                }
                yield idOf(execute(replyingTo(request, file.replyTo()), "sendDocument", chat));
            }
            case VOICE -> {
                SendVoice request = new SendVoice(chat, file.fileId());
                if (caption != null) {
                    request.caption(caption).parseMode(ParseMode.HTML);
                }
                yield idOf(execute(replyingTo(request, file.replyTo()), "sendVoice", chat));
            }
        };
    }

    @Override
    public OptionalLong sendUpload(OutgoingUpload upload) {
        long chat = upload.chatId();
        queuedFirst(chat);
        String caption = upload.captionHtml();
        return switch (upload.kind()) {
            case PHOTO -> {
                SendPhoto request = new SendPhoto(chat, upload.content()).fileName(upload.fileName())
                        .contentType(upload.contentType());
                if (caption != null) {
                    request.caption(caption).parseMode(ParseMode.HTML);
                }
                yield idOf(execute(request, "sendPhoto", chat));
            }
            case DOCUMENT -> {
                SendDocument request = new SendDocument(chat, upload.content()).fileName(upload.fileName())
                        .contentType(upload.contentType());
                if (caption != null) {
                    request.caption(caption).parseMode(ParseMode.HTML);
                }
                yield idOf(execute(request, "sendDocument", chat));
            }
            case VOICE -> throw new IllegalArgumentException("voice is not uploaded");
        };
    }

    @Override
    public boolean editText(long chatId, long messageId, String html) {
        return execute(new EditMessageText(chatId, Math.toIntExact(messageId), html).parseMode(ParseMode.HTML),
                "editMessageText", chatId) != null;
    }

    @Override
    public boolean editCaption(long chatId, long messageId, String captionHtml) {
        return execute(new EditMessageCaption(chatId, Math.toIntExact(messageId)).caption(captionHtml)
                .parseMode(ParseMode.HTML), "editMessageCaption", chatId) != null;
    }

    /** A reply that is still sent when its target was deleted meanwhile: the message matters more than the quote. */
    private static <T extends AbstractSendRequest<T>> T replyingTo(T request, Long replyTo) {
        if (replyTo != null) {
            request.replyParameters(new ReplyParameters(Math.toIntExact(replyTo)).allowSendingWithoutReply(true));
        }
        return request;
    }

    private static OptionalLong idOf(SendResponse response) {
        return response == null || response.message() == null ? OptionalLong.empty()
                : OptionalLong.of(response.message().messageId());
    }

    @Override
    public void answerCallback(String callbackQueryId, String notice) {
        AnswerCallbackQuery request = new AnswerCallbackQuery(callbackQueryId);
        if (notice != null) {
            request.text(notice);
        }
        execute(request, "answerCallbackQuery", null);
    }

    static com.pengrad.telegrambot.model.request.Keyboard markup(Keyboard keyboard) {
        if (keyboard instanceof Keyboard.RequestContact contact) {
            return new ReplyKeyboardMarkup(new KeyboardButton(contact.label()).requestContact(true))
                    .resizeKeyboard(true)
                    .oneTimeKeyboard(true);
        }
        if (keyboard instanceof Keyboard.Remove) {
            return new ReplyKeyboardRemove();
        }
        if (keyboard instanceof Keyboard.Inline inline) {
            InlineKeyboardMarkup markup = new InlineKeyboardMarkup();
            for (var row : inline.rows()) {
                markup.addRow(row.stream()
                        .map(b -> b.url() != null ? new InlineKeyboardButton(b.label()).url(b.url())
                                : new InlineKeyboardButton(b.label()).callbackData(b.data()))
                        .toArray(InlineKeyboardButton[]::new));
            }
            return markup;
        }
        return null;
    }

    /**
     * The successful response, or null once the attempts are spent or Telegram refused. {@code chatId} null: not a
     * message (answerCallbackQuery), outside the limits.
     */
    private <T extends BaseRequest<T, R>, R extends BaseResponse> R execute(BaseRequest<T, R> request,
            String method, Long chatId) {
        BotApiCalls.Result<R> result = null;
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                result = calls.call(request, method, chatId);
                switch (result.kind()) {
                    case OK -> {
                        calls.count("sent", "direct", method, result);
                        return result.response();
                    }
                    case RATE_LIMITED -> {
                        if (result.retryAfter() > MAX_RETRY_AFTER_SECONDS) {
                            attempt = MAX_ATTEMPTS;
                        }
                    }
                    case TRANSIENT -> {
                        LOG.warnf("%s to chat %s failed (attempt %d of %d): %s", method, chatId, attempt,
                                MAX_ATTEMPTS, result.error());
                        if (attempt < MAX_ATTEMPTS) {
                            Thread.sleep(attempt * 1000L);
                        }
                    }
                    case REFUSED -> attempt = MAX_ATTEMPTS;
                }
                if (attempt < MAX_ATTEMPTS) {
                    calls.count("retried", "direct", method, result);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        calls.count("failed", "direct", method, result);
        LOG.warnf("%s to chat %s given up: %s", method, chatId, result.error());
        return null;
    }
}
