package ua.itdesk.bot.stats;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;

/**
 * The picker's buttons. Callback data is {@code st|<code>|<session nonce>}: as every button of the bot it acts only
 * for the presser's own session, and the nonce ties it to the current login (S4).
 */
final class StatsButtons {

    static final String PREFIX = "st|";
    private static final Map<String, StatsEvent> CODES = Map.of("t", StatsEvent.TODAY, "w", StatsEvent.LAST_7_DAYS,
            "m", StatsEvent.LAST_30_DAYS, "c", StatsEvent.CUSTOM, "x", StatsEvent.CANCEL);

    private StatsButtons() {
    }

    record Press(StatsEvent event, String nonce) {
    }

    static boolean isOurs(String data) {
        return data != null && data.startsWith(PREFIX);
    }

    static Optional<Press> parse(String data) {
        if (!isOurs(data)) {
            return Optional.empty();
        }
        String[] parts = data.split("\\|", -1);
        if (parts.length != 3 || !CODES.containsKey(parts[1]) || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Press(CODES.get(parts[1]), parts[2]));
    }

    static Keyboard.Inline picker(String nonce, Language language) {
        return new Keyboard.Inline(List.of(
                List.of(button(StatsText.BUTTON_TODAY, "t", nonce, language),
                        button(StatsText.BUTTON_7_DAYS, "w", nonce, language),
                        button(StatsText.BUTTON_30_DAYS, "m", nonce, language)),
                List.of(button(StatsText.BUTTON_CUSTOM, "c", nonce, language)),
                List.of(button(StatsText.BUTTON_CANCEL, "x", nonce, language))));
    }

    static Keyboard.Inline cancelOnly(String nonce, Language language) {
        return new Keyboard.Inline(List.of(List.of(button(StatsText.BUTTON_CANCEL, "x", nonce, language))));
    }

    private static Keyboard.Button button(StatsText label, String code, String nonce, Language language) {
        return new Keyboard.Button(label.plain(language), PREFIX + code + "|" + nonce);
    }
}
