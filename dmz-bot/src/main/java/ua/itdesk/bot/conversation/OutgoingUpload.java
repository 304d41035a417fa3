package ua.itdesk.bot.conversation;

/**
 * A file the bot made itself, uploaded to a chat (multipart): a chart as a photo, an export as a document.
 *
 * @param kind        {@link FileKind#PHOTO} (sendPhoto) or {@link FileKind#DOCUMENT} (sendDocument)
 * @param fileName    the name the chat shows for a document
 * @param captionHtml the caption in Telegram's HTML mode, or null
 */
public record OutgoingUpload(long chatId, FileKind kind, String fileName, String contentType, byte[] content,
        String captionHtml) {

    public OutgoingUpload {
        if (kind != FileKind.PHOTO && kind != FileKind.DOCUMENT) {
            throw new IllegalArgumentException("only photos and documents are uploaded");
        }
        if (content == null || content.length == 0 || fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("an upload needs a name and content");
        }
    }
}
