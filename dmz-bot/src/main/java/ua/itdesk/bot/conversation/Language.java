package ua.itdesk.bot.conversation;

import java.util.Locale;

/** The languages the bot speaks: Ukrainian by default, English for people whose Telegram is set to English (A1). */
public enum Language {
    UK("uk"),
    EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** ISO 639-1 code, as Telegram's language_code. */
    public String code() {
        return code;
    }

    /** From Telegram's {@code language_code} (an IETF tag such as {@code en}, {@code en-GB}, {@code uk}). */
    public static Language of(String languageCode) {
        if (languageCode != null && languageCode.strip().toLowerCase(Locale.ROOT).startsWith("en")) {
            return EN;
        }
        return UK;
    }

    /** From a stored {@link #code()}; unknown codes fall back to the default. */
    public static Language fromCode(String code) {
        for (Language l : values()) {
            if (l.code.equals(code)) {
                return l;
            }
        }
        return UK;
    }
}
