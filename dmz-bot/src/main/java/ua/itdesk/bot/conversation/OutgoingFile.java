package ua.itdesk.bot.conversation;

/**
 * A file Telegram already holds, sent to a chat by its file id (nothing is downloaded or uploaded).
 *
 * @param chatId      the chat
 * @param kind        which Bot API method sends it (sendPhoto, sendDocument, sendVoice)
 * @param fileId      Telegram's file id, as it arrived in another chat of this bot
 * @param captionHtml the caption in Telegram's HTML mode (user data escaped), or null
 * @param replyTo     a message of the chat it answers, or null; sent even when that message is gone
 */
public record OutgoingFile(long chatId, FileKind kind, String fileId, String captionHtml, Long replyTo) {

    /** Telegram's limit for a caption, counted in visible characters. */
    public static final int MAX_CAPTION = 1024;

    public OutgoingFile {
        if (kind == null || fileId == null || fileId.isBlank()) {
            throw new IllegalArgumentException("a file to send needs its kind and file id");
        }
    }
}
