package ua.itdesk.bot.conversation;

/** Texts any part of the bot may send. */
public enum CommonText implements Text {
    RATE_LIMITED,
    FAILED,
    /** The update could not be recorded (the database is away); Telegram delivers it again later. */
    NOT_TAKEN_NOW;
}
