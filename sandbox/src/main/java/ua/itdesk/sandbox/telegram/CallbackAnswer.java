package ua.itdesk.sandbox.telegram;

/** One answerCallbackQuery call; {@code text} is null when the bot answered without a notification. */
public record CallbackAnswer(String callbackQueryId, String text, boolean showAlert) {
}
