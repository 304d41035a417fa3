package ua.itdesk.bot.login;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;

/**
 * The buttons of the /forget question (S6). A deletion cannot be undone, so it takes a second, deliberate press on
 * a question asked a moment ago: the buttons carry the time they were made, and "Delete" on a question older than
 * {@link #FRESH_FOR} counts as "Keep" (the person asks again). The data need no binding to a session: the callback
 * comes from Telegram for the presser's own chat, and all it can delete is the presser's own data.
 */
final class ForgetQuestion {

    static final Duration FRESH_FOR = Duration.ofMinutes(10);
    private static final String PREFIX = "fg|";

    private ForgetQuestion() {
    }

    static Keyboard buttons(Language language, Instant now) {
        long asked = now.getEpochSecond();
        return new Keyboard.Inline(List.of(List.of(
                new Keyboard.Button(LoginText.FORGET_YES.plain(language), PREFIX + "y|" + asked),
                new Keyboard.Button(LoginText.FORGET_NO.plain(language), PREFIX + "n|" + asked))));
    }

    /**
     * The answer a press carries: true to delete, false to keep; empty when the data are not this question's (another
     * feature's button). Malformed data of this question count as "keep".
     */
    static Optional<Boolean> answer(String data, Instant now) {
        if (data == null || !data.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = data.split("\\|", -1);
        if (parts.length != 3 || !"y".equals(parts[1])) {
            return Optional.of(false);
        }
        try {
            Instant asked = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            boolean fresh = !asked.isAfter(now) && Duration.between(asked, now).compareTo(FRESH_FOR) <= 0;
            return Optional.of(fresh);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.of(false);
        }
    }
}
