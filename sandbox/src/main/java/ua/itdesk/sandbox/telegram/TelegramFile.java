package ua.itdesk.sandbox.telegram;

/**
 * A file held by the stand-in: sent by a user (photo, document) or uploaded by the bot.
 *
 * @param kind     {@code photo} or {@code document}
 * @param filePath the path below the file API ({@code <fileApiUrl><token>/<filePath>}), as getFile returns it
 */
public record TelegramFile(String fileId, String fileUniqueId, String kind, String filePath, String fileName,
        String mimeType, byte[] content) {

    public int size() {
        return content.length;
    }
}
