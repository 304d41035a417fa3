package ua.itdesk.bot.conversation;

/**
 * A piece of bot text in every language. Templates are trusted HTML with {@code %s} placeholders; arguments are
 * always escaped, so a caller cannot forget to.
 *
 * <p>Text enums keep only their constants; the templates live in UTF-8 properties files beside the enum's package
 * under {@code src/main/resources}, one file per language named {@code <Enum>_<language code>.properties} (e.g.
 * {@code ua/itdesk/bot/events/EventText_uk.properties} and {@code EventText_en.properties}), keyed by the
 * constant's name. There is deliberately no base file: a missing template fails loudly instead of falling back to
 * another language, and the JVM's default locale plays no part. In the files a line break is written {@code \n};
 * a long value may continue on the next line after a trailing {@code \} (leading blanks there are dropped). Enums
 * that carry other data with their labels, such as {@link Command}, may override {@link #template} instead.
 */
public interface Text {

    /** The template in this language: by default this enum constant's value in its bundle. */
    default String template(Language language) {
        return TextBundles.template((Enum<?>) this, language);
    }

    /** The text in this language, with each argument HTML-escaped. */
    default String in(Language language, Object... args) {
        String template = template(language);
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
        return template(language);
    }
}
