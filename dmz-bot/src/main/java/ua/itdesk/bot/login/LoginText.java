package ua.itdesk.bot.login;

import ua.itdesk.bot.conversation.Text;

/** Texts of the login conversation. Placeholders are filled with escaped values only. */
public enum LoginText implements Text {
    GREETING,
    CONTACT_BUTTON,
    ASK_FOR_CONTACT,
    LOGIN_REQUIRED,
    FOREIGN_CONTACT,
    WELCOME,
    DENIED,
    THROTTLED,
    UNAVAILABLE,
    SESSION_EXPIRED,
    ACCESS_REVOKED,
    LOGGED_OUT,
    NOT_LOGGED_IN,
    CANCELLED,
    NOTHING_TO_CANCEL,
    BACK_TO_MENU,
    ASK_TO_START,
    UNEXPECTED_INPUT,
    ALREADY_LOGGED_IN,
    HELP,
    FORGET_QUESTION,
    FORGET_YES,
    FORGET_NO,
    FORGET_KEPT,
    FORGOTTEN;
}
