package ua.itdesk.bot.conversation;

/** Texts any part of the bot may send. */
public enum CommonText implements Text {
    RATE_LIMITED("Забагато повідомлень за короткий час. Зачекайте кілька секунд: зайві повідомлення не оброблено.",
            "Too many messages in a short time. Please wait a few seconds: the extra messages were not processed."),
    FAILED("Сталася помилка під час обробки повідомлення. Спробуйте ще раз за хвилину.",
            "Something went wrong while handling your message. Please try again in a minute.");

    private final String uk;
    private final String en;

    CommonText(String uk, String en) {
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
