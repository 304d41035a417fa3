package ua.itdesk.bench;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.telegram.SentMessage;
import ua.itdesk.sandbox.telegram.TelegramStandIn;

/**
 * A seeded person in their Telegram chat with the bot, for the set-up steps of a workload (log in, menus, the
 * request wizard, going online): each step waits for the bot's answer newer than the last one seen. The measured
 * traffic does not go through here but straight to the stand-in, timed by {@link Traffic}.
 */
final class Person {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern KEY = Pattern.compile("([A-Z][A-Z0-9_]+-[0-9]+)");

    private final TelegramStandIn telegram;
    private final SeedPerson person;
    private long lastSeen;

    Person(TelegramStandIn telegram, SeedPerson person) {
        this.telegram = telegram;
        this.person = person;
        telegram.user(person.telegramUserId(), person.firstName(), person.lastName(), person.languageCode());
        this.lastSeen = telegram.messagesTo(id()).stream().mapToLong(SentMessage::messageId).max().orElse(0);
    }

    long id() {
        return person.telegramUserId();
    }

    SeedPerson seed() {
        return person;
    }

    boolean speaksUkrainian() {
        return "uk".equals(person.languageCode());
    }

    /** /start, the own contact as Telegram sends it (without the plus sign), and the role menu that follows. */
    SentMessage logInToMenu() {
        SentMessage greeting = send("/start");
        if (!greeting.requestsContact()) {
            throw new IllegalStateException(person.login() + ": no contact button after /start: " + greeting);
        }
        telegram.sendContact(id(), person.e164().substring(1), id(), person.firstName());
        return next(SentMessage::hasInlineKeyboard);
    }

    SentMessage menu() {
        telegram.sendText(id(), "/menu");
        return next(SentMessage::hasInlineKeyboard);
    }

    SentMessage send(String text) {
        telegram.sendText(id(), text);
        return next(m -> true);
    }

    /** Presses the inline button whose text contains one of the labels (Ukrainian or English) and waits. */
    SentMessage press(SentMessage message, String... labels) {
        for (String label : labels) {
            var data = message.buttonTexts().stream().filter(t -> t.contains(label)).findFirst()
                    .flatMap(message::callbackDataOf);
            if (data.isPresent()) {
                return pressData(message, data.get());
            }
        }
        throw new IllegalStateException(person.login() + ": no button " + String.join("/", labels) + " in "
                + message.buttonTexts());
    }

    SentMessage pressData(SentMessage message, String callbackData) {
        telegram.pressButton(id(), message.messageId(), callbackData);
        return next(m -> true);
    }

    /** The first bot message newer than the last one seen that satisfies the condition. */
    SentMessage next(Predicate<SentMessage> condition) {
        long after = lastSeen;
        SentMessage m = telegram.awaitMessage(id(), s -> s.messageId() > after && condition.test(s), ANSWER_TIMEOUT);
        lastSeen = Math.max(lastSeen, m.messageId());
        return m;
    }

    /** Skips everything the bot said so far (notifications, relayed messages) before the next set-up step. */
    void catchUp() {
        lastSeen = telegram.messagesTo(id()).stream().mapToLong(SentMessage::messageId).max().orElse(lastSeen);
    }

    /** Files a request through the wizard (Ukrainian labels), from the menu given; returns its key. */
    String fileRequest(SentMessage menu, String summary) {
        SentMessage categories = press(menu, "Нова заявка");
        SentMessage priorities = press(categories, "Інше");
        press(priorities, "Низький");
        SentMessage askDescription = send(summary);
        SentMessage askFiles = press(askDescription, "Пропустити");
        SentMessage confirm = press(askFiles, "Готово");
        if (confirm.buttonTexts().stream().anyMatch(t -> t.contains("Продовжити заявку"))) {
            confirm = press(confirm, "Продовжити заявку");
        }
        SentMessage created = press(confirm, "Надіслати");
        if (!created.plainText().contains("створено")) {
            created = next(m -> m.plainText().contains("створено"));
        }
        Matcher m = KEY.matcher(created.plainText());
        if (!m.find()) {
            throw new IllegalStateException("no request key in " + created.plainText());
        }
        return m.group(1);
    }

    /** A specialist switches to online from the menu given (nothing to do when already online). */
    void goOnline(SentMessage menu) {
        var offline = menu.buttonTexts().stream().filter(t -> t.startsWith("🔴")).findFirst();
        if (offline.isPresent()) {
            press(menu, offline.get());
        }
    }
}
