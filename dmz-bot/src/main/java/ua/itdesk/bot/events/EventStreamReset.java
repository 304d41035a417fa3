package ua.itdesk.bot.events;

/**
 * Fired (as a CDI event) when the agent could not honour the bot's cursor: the agent restarted or the bot was away
 * too long. Whatever the agent keeps only in memory, such as the specialists' presence, must be sent again.
 */
public record EventStreamReset(String reason) {
}
