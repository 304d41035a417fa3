package ua.itdesk.bot.events;

/**
 * A request reached a done status (resolved, closed), told once per change like the notification: consultations
 * cancel a wait for it that has not become a chat and dispatch their queue.
 */
public record RequestClosed(String key) {
}
