package ua.itdesk.bot.menu;

import java.util.List;
import java.util.Optional;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.Text;
import ua.itdesk.contracts.v1.Role;

/**
 * The main-menu entries by role (A5). {@link #code()} goes into callback data and must stay stable; labels may
 * change freely.
 */
public enum MenuItem implements Text {
    NEW_REQUEST("nr", true, "Нова заявка", "New request"),
    MY_REQUESTS("mr", true, "Мої заявки", "My requests"),
    ASSIGNED_REQUESTS("ar", true, "Призначені мені заявки", "My assigned requests"),
    CONSULTATION_OFFERS("co", true, "Консультації онлайн", "Online consultations"),
    AVAILABILITY("av", true, "Онлайн / офлайн", "Go online / offline"),
    STATISTICS("st", true, "Статистика", "Statistics"),
    HELP("hp", true, "Довідка", "Help");

    private static final List<MenuItem> EMPLOYEE = List.of(NEW_REQUEST, MY_REQUESTS, HELP);
    private static final List<MenuItem> SPECIALIST = List.of(ASSIGNED_REQUESTS, CONSULTATION_OFFERS, AVAILABILITY,
            HELP);
    private static final List<MenuItem> SUPERVISOR = List.of(ASSIGNED_REQUESTS, CONSULTATION_OFFERS, AVAILABILITY,
            STATISTICS, HELP);

    private final String code;
    private final boolean available;
    private final String uk;
    private final String en;

    MenuItem(String code, boolean available, String uk, String en) {
        this.code = code;
        this.available = available;
        this.uk = uk;
        this.en = en;
    }

    /** Short stable id used in callback data. */
    public String code() {
        return code;
    }

    /** Whether the feature behind the item exists in this release; the others say honestly that it will come. */
    public boolean available() {
        return available;
    }

    @Override
    public String template(Language language) {
        return language == Language.EN ? en : uk;
    }

    /** The menu of a role, in display order. */
    public static List<MenuItem> of(Role role) {
        return switch (role) {
            case EMPLOYEE -> EMPLOYEE;
            case SPECIALIST -> SPECIALIST;
            case SUPERVISOR -> SUPERVISOR;
        };
    }

    public static Optional<MenuItem> byCode(String code) {
        for (MenuItem item : values()) {
            if (item.code.equals(code)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
