package ua.itdesk.bot.conversation;

/**
 * Handles one update of one chat. The Telegram adapter calls it at most once per update_id and never concurrently
 * for the same chat, in the order the updates arrived.
 */
public interface UpdateHandler {

    void handle(Incoming update);
}
