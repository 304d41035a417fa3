package ua.itdesk.sandbox.telegram;

/**
 * A file held by the stand-in: sent by a user (photo, document, voice note) or uploaded by the bot.
 *
 * @param kind     {@code photo}, {@code document} or {@code voice}; a file_id is re-sent only with the method of its
 *                 kind, as in Telegram ("type of file mismatch" otherwise)
 * @param filePath the path below the file API ({@code <fileApiUrl><token>/<filePath>}), as getFile returns it
 * @param duration a voice note's length in seconds as its sender gave it; 0 for other kinds
 */
public record TelegramFile(String fileId, String fileUniqueId, String kind, String filePath, String fileName,
        String mimeType, byte[] content, int duration) {

    public int size() {
        return content.length;
    }
}
