package ua.itdesk.bot.consultation;

import ua.itdesk.bot.conversation.Text;

/** The relay's copies of chat messages and its own answers to the sender (C3). */
enum RelayText implements Text {
    /** A message as the other side sees it: the sender's name, then the text or caption. */
    COPY,
    /** The caption of a file sent without one: the sender's name alone. */
    FROM,
    /** The same after the sender edited it. */
    EDITED_COPY,
    FILE_TOO_LARGE,
    FILE_TYPE_REFUSED,
    NOT_RELAYABLE,
    UNREACHABLE;
}
