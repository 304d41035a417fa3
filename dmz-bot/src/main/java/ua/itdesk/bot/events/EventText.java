package ua.itdesk.bot.events;

import ua.itdesk.bot.conversation.Text;

/** Texts of the notifications about requests (Z3, T2, T5). */
enum EventText implements Text {
    STATUS_CHANGED("🔄 Заявка <b>%s</b> «%s»: новий статус <b>%s</b>.",
            "🔄 Request <b>%s</b> “%s” is now <b>%s</b>."),
    COMMENT_ADDED("💬 Новий коментар до заявки <b>%s</b> «%s» від %s:\n\n%s",
            "💬 New comment on request <b>%s</b> “%s” from %s:\n\n%s"),
    ASSIGNED("📌 Вам призначено заявку <b>%s</b>\nПріоритет: %s\n%s",
            "📌 Request <b>%s</b> is assigned to you\nPriority: %s\n%s"),
    NO_SPECIALIST("⚠️ Для заявки <b>%s</b> «%s» (пріоритет: %s) немає доступного фахівця: вона лишається в черзі.",
            "⚠️ No specialist is available for request <b>%s</b> “%s” (priority: %s): it stays in the queue."),
    REPLY_HINT("\n\n<i>Щоб додати коментар, дайте відповідь на це повідомлення.</i>",
            "\n\n<i>Reply to this message to add a comment.</i>"),
    UNKNOWN_AUTHOR("служби підтримки", "the service desk"),
    OPEN("Відкрити", "Open"),
    DETAILS("Деталі", "Details"),
    PRIORITY_CRITICAL("критичний", "critical"),
    PRIORITY_HIGH("високий", "high"),
    PRIORITY_MEDIUM("середній", "medium"),
    PRIORITY_LOW("низький", "low"),
    PRIORITY_NONE("не вказано", "not set");

    private final String uk;
    private final String en;

    EventText(String uk, String en) {
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
