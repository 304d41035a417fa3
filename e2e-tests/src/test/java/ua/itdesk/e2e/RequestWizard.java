package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.telegram.SentMessage;

/** Filing a request the way a Ukrainian-speaking employee does it in the chat: menu, wizard, confirmation. */
final class RequestWizard {

    /** The key of a request as the bot writes it. */
    static final Pattern KEY = Pattern.compile("([A-Z][A-Z0-9_]+-[0-9]+)");

    private RequestWizard() {
    }

    /** Logs in, walks the wizard, confirms, and returns the new request's key. */
    static String fileRequest(Conversation c, String category, String priority, String summary, String description,
            byte[] photo) {
        SentMessage confirm = upToConfirmation(c, category, priority, summary, description, photo);
        SentMessage created = c.press(confirm, "Надіслати");
        if (!created.plainText().contains("створено")) {
            created = c.next(m -> m.plainText().contains("створено"));
        }
        return key(created);
    }

    /** Logs in and walks the wizard up to the confirmation, which it returns (not sent yet). */
    static SentMessage upToConfirmation(Conversation c, String category, String priority, String summary,
            String description, byte[] photo) {
        SentMessage menu = c.logInToMenu(SeedPeople.byTelegramUserId(c.userId()).orElseThrow());
        SentMessage categories = c.press(menu, "Нова заявка");
        SentMessage priorities = c.press(categories, category);
        c.press(priorities, priority);
        SentMessage askDescription = c.send(summary);
        SentMessage askFiles = description == null ? c.press(askDescription, "Пропустити") : c.send(description);
        SentMessage last = askFiles;
        if (photo != null) {
            last = c.sendPhoto(photo, null);
            assertThat(last.plainText()).contains("Додано");
        }
        SentMessage next = c.press(last, "Готово");
        if (next.buttonTexts().stream().anyMatch(t -> t.contains("Продовжити заявку"))) {
            next = c.press(next, "Продовжити заявку");
        }
        assertThat(next.plainText()).contains(summary);
        return next;
    }

    /** The message that announces the request created after a queued submission. */
    static SentMessage awaitCreated(Conversation c) {
        return c.next(m -> KEY.matcher(m.plainText()).find() && m.plainText().contains("створено"));
    }

    static String key(SentMessage message) {
        Matcher m = KEY.matcher(message.plainText());
        if (!m.find()) {
            throw new IllegalStateException("no request key in " + message.plainText());
        }
        return m.group(1);
    }
}
