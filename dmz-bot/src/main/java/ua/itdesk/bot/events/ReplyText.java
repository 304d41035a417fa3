package ua.itdesk.bot.events;

import ua.itdesk.bot.conversation.Text;

/** Answers to a reply that becomes a public comment (T5). */
enum ReplyText implements Text {
    POSTED,
    QUEUED,
    NOT_FOUND,
    REJECTED,
    LOGIN_FIRST,
    GIVEN_UP;
}
