package ua.itdesk.bot.menu;

import ua.itdesk.bot.conversation.Text;

/** Texts of the main menu. */
public enum MenuText implements Text {
    TITLE("<b>Головне меню</b>\nОберіть дію:", "<b>Main menu</b>\nChoose an action:"),
    COMING_LATER("«%s» з'явиться в одному з наступних випусків бота. Поки що, будь ласка, скористайтеся звичним"
            + " каналом ІТ-підтримки.",
            "“%s” is coming in a later release of the bot. Until then, please use the usual IT support channel."),
    AVAILABILITY_ONLINE("🟢 Ви онлайн: стати офлайн", "🟢 You are online: go offline"),
    AVAILABILITY_OFFLINE("🔴 Ви офлайн: стати онлайн", "🔴 You are offline: go online"),
    STALE("Це меню застаріло або належить іншій сесії. Ось актуальне.",
            "This menu is out of date or belongs to another session. Here is the current one.");

    private final String uk;
    private final String en;

    MenuText(String uk, String en) {
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
