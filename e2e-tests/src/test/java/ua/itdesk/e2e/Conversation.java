package ua.itdesk.e2e;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.telegram.SentMessage;
import ua.itdesk.sandbox.telegram.TelegramStandIn;

/** One Telegram user talking to the bot through the stand-in, waiting only for answers newer than the last one. */
final class Conversation {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private final TelegramStandIn telegram;
    private final long userId;
    private long lastSeen;

    Conversation(TelegramStandIn telegram, long userId, String firstName, String lastName, String languageCode) {
        this.telegram = telegram;
        this.userId = userId;
        telegram.user(userId, firstName, lastName, languageCode);
        this.lastSeen = newestMessageId();
    }

    static Conversation of(TelegramStandIn telegram, SeedPerson person) {
        return new Conversation(telegram, person.telegramUserId(), person.firstName(), person.lastName(),
                person.languageCode());
    }

    long userId() {
        return userId;
    }

    SentMessage send(String text) {
        telegram.sendText(userId, text);
        return next(m -> true);
    }

    SentMessage shareContact(String phoneNumber, Long contactUserId) {
        telegram.sendContact(userId, phoneNumber, contactUserId, "Contact");
        return next(m -> true);
    }

    /**
     * Shares the person's own number as Telegram sends it (international, without the plus sign) after /start and
     * returns the bot's first answer to the contact.
     */
    SentMessage logIn(SeedPerson person) {
        SentMessage greeting = send("/start");
        if (!greeting.requestsContact()) {
            throw new IllegalStateException("no contact button after /start: " + greeting);
        }
        return shareContact(person.e164().substring(1), userId);
    }

    /** Logs in and returns the role menu that follows the welcome. */
    SentMessage logInToMenu(SeedPerson person) {
        SentMessage answer = logIn(person);
        return answer.hasInlineKeyboard() ? answer : next(SentMessage::hasInlineKeyboard);
    }

    /** Waits for the first message newer than the last one seen that satisfies the condition. */
    SentMessage next(Predicate<SentMessage> condition) {
        long after = lastSeen;
        SentMessage message = telegram.awaitMessage(userId, m -> m.messageId() > after && condition.test(m),
                ANSWER_TIMEOUT);
        lastSeen = Math.max(lastSeen, newestMessageId());
        return message;
    }

    List<SentMessage> all() {
        return telegram.messagesTo(userId);
    }

    private long newestMessageId() {
        return telegram.messagesTo(userId).stream().mapToLong(SentMessage::messageId).max().orElse(0);
    }
}
