package ua.itdesk.sandbox.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message the bot sent, as it stands now (after any edits).
 *
 * @param text        the text (or a media message's caption, "" when it has none) exactly as the bot sent it,
 *                    markup included; {@link #plainText()} is what the user sees
 * @param parseMode   {@code HTML}, {@code MarkdownV2}, ... or null
 * @param replyMarkup the {@code reply_markup} as sent (inline or reply keyboard, or a removal), or null
 * @param date        when it was sent (edits do not change it)
 * @param editCount   how many times editMessageText/editMessageReplyMarkup/editMessageCaption changed it
 * @param file        the photo, document or voice note of a media message (its {@code kind} tells which), or null
 * @param replyTo     the message_id it replies to (reply_parameters), or null
 */
public record SentMessage(long chatId, long messageId, String text, String parseMode, JsonNode replyMarkup,
        Instant date, int editCount, TelegramFile file, Long replyTo) {

    /** Inline and reply keyboard texts, row by row, flattened. */
    public List<String> buttonTexts() {
        List<String> texts = new ArrayList<>();
        for (JsonNode button : buttons()) {
            texts.add(button.isTextual() ? button.asText() : button.path("text").asText());
        }
        return texts;
    }

    /** The callback_data of the first inline button with this text. */
    public Optional<String> callbackDataOf(String buttonText) {
        for (JsonNode button : buttons()) {
            if (button.isObject() && button.path("text").asText().equals(buttonText) && button.has("callback_data")) {
                return Optional.of(button.get("callback_data").asText());
            }
        }
        return Optional.empty();
    }

    /** Whether a reply-keyboard button asks for the user's contact ({@code request_contact=true}). */
    public boolean requestsContact() {
        if (replyMarkup == null || !replyMarkup.has("keyboard")) {
            return false;
        }
        for (JsonNode button : buttons()) {
            if (button.path("request_contact").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the markup is an inline keyboard. */
    public boolean hasInlineKeyboard() {
        return replyMarkup != null && replyMarkup.has("inline_keyboard");
    }

    /** The text as the user sees it: HTML tags removed and entities decoded when parseMode is HTML. */
    public String plainText() {
        return TelegramHtml.visibleText(text, parseMode);
    }

    private List<JsonNode> buttons() {
        List<JsonNode> buttons = new ArrayList<>();
        if (replyMarkup == null) {
            return buttons;
        }
        JsonNode rows = replyMarkup.has("inline_keyboard") ? replyMarkup.get("inline_keyboard")
                : replyMarkup.get("keyboard");
        if (rows == null) {
            return buttons;
        }
        for (JsonNode row : rows) {
            row.forEach(buttons::add);
        }
        return buttons;
    }
}
