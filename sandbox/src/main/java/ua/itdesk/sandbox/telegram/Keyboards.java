package ua.itdesk.sandbox.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Validation of {@code reply_markup} as Telegram does it, with Telegram's error texts. */
final class Keyboards {

    private static final int MAX_BUTTONS = 100;
    private static final int MAX_CALLBACK_DATA_BYTES = 64;
    private static final List<String> INLINE_ACTIONS = List.of("url", "callback_data", "web_app", "login_url",
            "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
            "copy_text", "callback_game", "pay");

    private Keyboards() {
    }

    /** The markup, checked; null when absent. {@code inlineOnly} for edits, which accept only inline keyboards. */
    static JsonNode validate(RequestParams p, boolean inlineOnly) throws BotApiException {
        JsonNode markup = p.json("reply_markup", "can't parse reply keyboard markup JSON object");
        if (markup == null) {
            return null;
        }
        if (!markup.isObject()) {
            throw BotApiException.badRequest("can't parse reply keyboard markup JSON object");
        }
        if (markup.has("inline_keyboard")) {
            validateInline(markup.get("inline_keyboard"));
        } else if (inlineOnly) {
            throw BotApiException.badRequest("inline keyboard expected");
        } else if (markup.has("keyboard")) {
            validateReply(markup.get("keyboard"));
        } else if (!markup.path("remove_keyboard").asBoolean(false) && !markup.path("force_reply").asBoolean(false)) {
            throw BotApiException.badRequest("can't parse reply keyboard markup JSON object");
        }
        return markup;
    }

    static boolean isInline(JsonNode markup) {
        return markup != null && markup.has("inline_keyboard");
    }

    private static void validateInline(JsonNode rows) throws BotApiException {
        if (!rows.isArray()) {
            throw BotApiException.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array");
        }
        int count = 0;
        for (JsonNode row : rows) {
            if (!row.isArray()) {
                throw BotApiException.badRequest("can't parse inline keyboard button: InlineKeyboardButton row"
                        + " should be an Array");
            }
            for (JsonNode button : row) {
                count++;
                if (!button.isObject() || !button.path("text").isTextual()) {
                    throw BotApiException.badRequest("can't parse inline keyboard button: Field \"text\" must be of"
                            + " type String");
                }
                if (button.get("text").asText().isEmpty()) {
                    throw BotApiException.badRequest("BUTTON_TEXT_INVALID");
                }
                long actions = INLINE_ACTIONS.stream().filter(button::has).count();
                if (actions == 0) {
                    throw BotApiException.badRequest("can't parse inline keyboard button: Text buttons are"
                            + " unallowed in the inline keyboard");
                }
                if (button.has("callback_data")) {
                    int bytes = button.get("callback_data").asText().getBytes(StandardCharsets.UTF_8).length;
                    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
                        throw BotApiException.badRequest("BUTTON_DATA_INVALID");
                    }
                }
            }
        }
        if (count > MAX_BUTTONS) {
            throw BotApiException.badRequest("reply markup is too long");
        }
    }

    private static void validateReply(JsonNode rows) throws BotApiException {
        if (!rows.isArray()) {
            throw BotApiException.badRequest("field \"keyboard\" of the ReplyKeyboardMarkup should be an Array");
        }
        int count = 0;
        for (JsonNode row : rows) {
            if (!row.isArray()) {
                throw BotApiException.badRequest("can't parse keyboard button: KeyboardButton row should be an"
                        + " Array");
            }
            for (JsonNode button : row) {
                count++;
                String text = button.isTextual() ? button.asText() : button.path("text").asText("");
                if (text.isEmpty()) {
                    throw BotApiException.badRequest("can't parse keyboard button: Field \"text\" must be of type"
                            + " String");
                }
            }
        }
        if (count > MAX_BUTTONS) {
            throw BotApiException.badRequest("reply markup is too long");
        }
    }
}
