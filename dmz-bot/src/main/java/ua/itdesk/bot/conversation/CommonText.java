package ua.itdesk.bot.conversation;

/** Texts any part of the bot may send. */
public enum CommonText implements Text {
    RATE_LIMITED,
    FAILED;
}
