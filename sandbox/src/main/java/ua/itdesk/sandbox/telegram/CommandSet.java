package ua.itdesk.sandbox.telegram;

import java.util.List;

/**
 * One setMyCommands call.
 *
 * @param languageCode the call's language_code, or "" for all languages
 * @param scopeType    the scope's type ({@code default} when no scope was given, {@code all_private_chats}, ...)
 * @param commands     the command names without the slash, in order ({@code start}, {@code help}, ...)
 */
public record CommandSet(String languageCode, String scopeType, List<String> commands) {
}
