package ua.itdesk.bot.presence;

import ua.itdesk.bot.conversation.Text;

/** Answers of the availability toggle (T2). */
enum AvailabilityText implements Text {
    NOW_ONLINE,
    NOW_OFFLINE;
}
