package ua.itdesk.bot.events;

import ua.itdesk.bot.conversation.Text;

/** Texts of the notifications about requests (Z3, T2, T5). */
enum EventText implements Text {
    STATUS_CHANGED,
    COMMENT_ADDED,
    ASSIGNED,
    NO_SPECIALIST,
    REPLY_HINT,
    UNKNOWN_AUTHOR,
    OPEN,
    DETAILS,
    PRIORITY_CRITICAL,
    PRIORITY_HIGH,
    PRIORITY_MEDIUM,
    PRIORITY_LOW,
    PRIORITY_NONE;
}
