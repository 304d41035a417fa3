package ua.itdesk.bot.conversation;

/**
 * A piece of bot text in every language. Templates are trusted HTML with {@code %s} placeholders; arguments are
 * always escaped, so a caller cannot forget to.
 */
public interface Text {

    /** The Ukrainian template. */
    String uk();

    /** The English template. */
    String en();

    /** The text in this language, with each argument HTML-escaped. */
    default String in(Language language, Object... args) {
        String template = language == Language.EN ? en() : uk();
        if (args.length == 0) {
            return template;
        }
        Object[] escaped = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            escaped[i] = Html.escape(args[i] == null ? "" : args[i].toString());
        }
        return String.format(template, escaped);
    }

    /** The template as plain text (button labels and command descriptions are not parsed as HTML). */
    default String plain(Language language) {
        return language == Language.EN ? en() : uk();
    }
}
