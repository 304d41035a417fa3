package ua.itdesk.bot.conversation;

/**
 * Every message goes out with Telegram's HTML parse mode; anything that did not come from our own templates (names,
 * numbers, later request summaries) passes through {@link #escape} first, so nobody can inject markup (S4).
 */
public final class Html {

    private Html() {
    }

    /** Escapes the three characters Telegram's HTML mode interprets, plus the double quote for attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
