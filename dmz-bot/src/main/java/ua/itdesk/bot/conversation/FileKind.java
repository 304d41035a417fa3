package ua.itdesk.bot.conversation;

/** How Telegram shows a file, which decides the Bot API method that sends it on by its file id. */
public enum FileKind {
    PHOTO, DOCUMENT, VOICE
}
