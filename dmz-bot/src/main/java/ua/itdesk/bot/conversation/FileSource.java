package ua.itdesk.bot.conversation;

import java.io.IOException;
import java.io.InputStream;

/** Files people sent to the bot, downloaded from Telegram on demand; the Telegram adapter implements it. */
public interface FileSource {

    /**
     * An open download.
     *
     * @param content the bytes as they arrive; the caller closes it
     * @param size    the length Telegram reports, or null
     */
    record Download(InputStream content, Long size) {
    }

    /**
     * Starts downloading a file by its Telegram file id.
     *
     * @throws IOException when Telegram no longer has the file or cannot be reached; the message never contains the
     *                     download URL (it holds the bot token)
     */
    Download open(String fileId) throws IOException;
}
