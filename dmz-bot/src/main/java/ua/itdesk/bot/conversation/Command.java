package ua.itdesk.bot.conversation;

import java.util.Locale;
import java.util.Optional;

/** The bot's slash commands; the registered ones are published with setMyCommands in both languages (A7). */
public enum Command implements Text {
    START(true, "Увійти або показати меню", "Log in or show the menu"),
    MENU(true, "Головне меню", "Main menu"),
    HELP(true, "Довідка", "Help"),
    CANCEL(true, "Скасувати поточну дію", "Cancel the current action"),
    LOGOUT(true, "Вийти", "Log out"),
    /** Statistics for supervisors (M1); others are told it is not for them. */
    STATS(true, "Статистика (керівникам)", "Statistics (supervisors)"),
    /** Ends the online consultation the person is in (C5). */
    END(true, "Завершити консультацію", "End the consultation"),
    /** Deletes the person's data from the DMZ (S6); deliberately not advertised in the command menu. */
    FORGET(false, "Видалити мої дані з бота", "Delete my data from the bot");

    private final boolean registered;
    private final String uk;
    private final String en;

    Command(boolean registered, String uk, String en) {
        this.registered = registered;
        this.uk = uk;
        this.en = en;
    }

    /** The name without the slash, as Telegram expects it in setMyCommands. */
    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether Telegram shows it in the command menu. */
    public boolean registered() {
        return registered;
    }

    @Override
    public String template(Language language) {
        return language == Language.EN ? en : uk;
    }

    /** The command named by {@code /name} (case-insensitive), if it is one of ours. */
    public static Optional<Command> named(String name) {
        for (Command c : values()) {
            if (c.command().equalsIgnoreCase(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
