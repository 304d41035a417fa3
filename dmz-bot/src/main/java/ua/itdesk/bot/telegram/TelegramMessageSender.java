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
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingFile;
import ua.itdesk.bot.conversation.OutgoingMessage;

/**
 * {@link MessageSender} over the Bot API, always in HTML parse mode. A 429 is waited out as Telegram asks
 * ({@code retry_after}, which pengrad does not honour by itself); other failures are logged, without the text.
 */
@ApplicationScoped
public class TelegramMessageSender implements MessageSender {

    private static final Logger LOG = Logger.getLogger(TelegramMessageSender.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final int MAX_RETRY_AFTER_SECONDS = 30;

    private final TelegramBot bot;

    TelegramMessageSender(TelegramBot bot) {
        this.bot = bot;
    }

    @Override
    public void send(OutgoingMessage message) {
        sendAndGetId(message);
    }

    @Override
    public OptionalLong sendAndGetId(OutgoingMessage message) {
        SendMessage request = new SendMessage(message.chatId(), message.html()).parseMode(ParseMode.HTML);
        com.pengrad.telegrambot.model.request.Keyboard markup = markup(message.keyboard());
        if (markup != null) {
            request.replyMarkup(markup);
        }
        return idOf(execute(replyingTo(request, message.replyTo()), "sendMessage", message.chatId()));
    }

    @Override
    public OptionalLong sendFile(OutgoingFile file) {
        String caption = file.captionHtml();
        long chat = file.chatId();
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
        execute(request, "answerCallbackQuery", 0);
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

    /** The successful response, or null once the attempts are spent or Telegram refused. */
    private <T extends BaseRequest<T, R>, R extends BaseResponse> R execute(BaseRequest<T, R> request,
            String method, long chatId) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                R response = bot.execute(request);
                if (response.isOk()) {
                    return response;
                }
                Integer retryAfter = response.parameters() == null ? null : response.parameters().retryAfter();
                if (response.errorCode() == 429 && retryAfter != null && attempt < MAX_ATTEMPTS) {
                    LOG.infof("%s to chat %d: rate limited by Telegram, retrying after %d s", method, chatId,
                            retryAfter);
                    sleepSeconds(Math.min(retryAfter, MAX_RETRY_AFTER_SECONDS));
                    continue;
                }
                LOG.warnf("%s to chat %d refused: %d %s", method, chatId, response.errorCode(),
                        response.description());
                return null;
            } catch (RuntimeException e) {
                LOG.warnf("%s to chat %d failed (attempt %d of %d): %s", method, chatId, attempt, MAX_ATTEMPTS,
                        e.toString());
                if (attempt < MAX_ATTEMPTS) {
                    sleepSeconds(attempt);
                }
            }
        }
        return null;
    }

    private static void sleepSeconds(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
