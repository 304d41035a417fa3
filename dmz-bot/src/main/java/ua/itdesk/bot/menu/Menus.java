package ua.itdesk.bot.menu;

import java.util.List;
import java.util.Optional;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.contracts.v1.Role;

/**
 * Builds role menus and reads their button presses back.
 *
 * <p>Callback data is {@code m|<item code>|<session nonce>}. Buttons only ever act for the person who presses them
 * (the bot looks the session up by the presser's Telegram id, never by anything inside the data), and the nonce,
 * random per login, ties them to that login: data copied from someone else, edited by a modified client or left
 * over from an earlier session is refused (S4).
 */
public final class Menus {

    private static final String PREFIX = "m";
    private static final String SEPARATOR = "|";

    private Menus() {
    }

    /**
     * A pressed menu button, as the client sent it.
     *
     * @param item  the item, when the code is known
     * @param nonce the session nonce inside the data
     */
    public record Choice(Optional<MenuItem> item, String nonce) {
    }

    /**
     * The role's main menu as one message with inline buttons bound to the session's nonce; the availability
     * button says whether the specialist is {@code online} now and what pressing it does.
     */
    public static OutgoingMessage mainMenu(long chatId, Role role, String nonce, Language language, boolean online) {
        List<List<Keyboard.Button>> rows = MenuItem.of(role).stream()
                .map(item -> List.of(new Keyboard.Button(label(item, online, language), data(item, nonce))))
                .toList();
        return new OutgoingMessage(chatId, MenuText.TITLE.in(language), new Keyboard.Inline(rows));
    }

    private static String label(MenuItem item, boolean online, Language language) {
        if (item == MenuItem.AVAILABILITY) {
            return (online ? MenuText.AVAILABILITY_ONLINE : MenuText.AVAILABILITY_OFFLINE).plain(language);
        }
        return item.plain(language);
    }

    static String data(MenuItem item, String nonce) {
        return PREFIX + SEPARATOR + item.code() + SEPARATOR + nonce;
    }

    /** Reads callback data; empty when it is not a menu button at all. */
    public static Optional<Choice> parse(String data) {
        if (data == null) {
            return Optional.empty();
        }
        String[] parts = data.split("\\|", -1);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            return Optional.empty();
        }
        return Optional.of(new Choice(MenuItem.byCode(parts[1]), parts[2]));
    }
}
