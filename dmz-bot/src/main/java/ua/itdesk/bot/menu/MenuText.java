package ua.itdesk.bot.menu;

import ua.itdesk.bot.conversation.Text;

/** Texts of the main menu. */
public enum MenuText implements Text {
    TITLE,
    COMING_LATER,
    AVAILABILITY_ONLINE,
    AVAILABILITY_OFFLINE,
    STALE;
}
