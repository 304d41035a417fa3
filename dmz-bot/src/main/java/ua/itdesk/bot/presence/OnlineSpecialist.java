package ua.itdesk.bot.presence;

/**
 * A specialist whose toggle is on and who has a live session.
 *
 * @param employeeId     who
 * @param telegramUserId the account of their most recently active session: offers and chats go there
 */
public record OnlineSpecialist(String employeeId, long telegramUserId) {
}
