package ua.itdesk.bot.events;

import ua.itdesk.bot.conversation.Text;

/** Answers to a reply that becomes a public comment (T5). */
enum ReplyText implements Text {
    POSTED("✅ Ваш коментар додано до заявки <b>%s</b>.", "✅ Your comment was added to request <b>%s</b>."),
    QUEUED("Сервіс тимчасово недоступний. Ваш коментар до заявки <b>%s</b> збережено: його буде додано, щойно сервіс"
            + " запрацює, і я про це повідомлю.",
            "The service is temporarily unavailable. Your comment on request <b>%s</b> is saved: it will be added as"
            + " soon as the service is back, and I will tell you."),
    NOT_FOUND("Не вдалося додати коментар: заявки <b>%s</b> немає серед ваших.",
            "The comment was not added: request <b>%s</b> is not among yours."),
    REJECTED("Коментар до заявки <b>%s</b> не прийнято. Перевірте текст і надішліть його ще раз.",
            "The comment on request <b>%s</b> was not accepted. Please check the text and send it again."),
    LOGIN_FIRST("Коментар до заявки <b>%s</b> не надіслано: ваш сеанс завершився. Увійдіть знову (/start) і ще раз"
            + " дайте відповідь на повідомлення.",
            "The comment on request <b>%s</b> was not sent: your session has ended. Please log in again (/start) and"
            + " reply to the notification once more."),
    GIVEN_UP("Ваш збережений коментар до заявки <b>%s</b> так і не вдалося додати. Будь ласка, надішліть його ще раз.",
            "Your saved comment on request <b>%s</b> could not be added after all. Please send it again.");

    private final String uk;
    private final String en;

    ReplyText(String uk, String en) {
        this.uk = uk;
        this.en = en;
    }

    @Override
    public String uk() {
        return uk;
    }

    @Override
    public String en() {
        return en;
    }
}
