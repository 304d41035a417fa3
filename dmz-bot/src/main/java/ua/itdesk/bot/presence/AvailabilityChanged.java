package ua.itdesk.bot.presence;

/**
 * A specialist's toggle changed (fired after it was stored): consultations dispatch their queue when someone comes
 * online and withdraw the open offer of someone who went offline.
 */
public record AvailabilityChanged(String employeeId, boolean online) {
}
