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

    TelegramStandIn telegram() {
        return telegram;
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
     * returns the bot's first answer to the contact; logs out first when another scenario left the person logged in.
     */
    SentMessage logIn(SeedPerson person) {
        SentMessage greeting = send("/start");
        if (!greeting.requestsContact()) {
            // the scenarios share one running system: another one may have left this person logged in
            // the bot handles one chat's updates in order, so the greeting follows the logout
            telegram.sendText(userId, "/logout");
            telegram.sendText(userId, "/start");
            greeting = next(SentMessage::requestsContact);
        }
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

    /** Presses the inline button of {@code message} whose text contains {@code label} and waits for the answer. */
    SentMessage press(SentMessage message, String label) {
        pressOnly(message, label);
        return next(m -> true);
    }

    /** Presses a button without waiting for an answer (the answer may be an edit, or go to someone else). */
    void pressOnly(SentMessage message, String label) {
        String data = message.buttonTexts().stream().filter(t -> t.contains(label)).findFirst()
                .flatMap(message::callbackDataOf)
                .orElseThrow(() -> new IllegalStateException("no button \"" + label + "\" in " + message));
        telegram.pressButton(userId, message.messageId(), data);
    }

    /** Presses made-up callback data, as a client that forges it would. */
    SentMessage pressData(SentMessage message, String callbackData) {
        telegram.pressButton(userId, message.messageId(), callbackData);
        return next(m -> true);
    }

    /** Replies to one of the bot's messages, as Telegram's "Reply" does. */
    SentMessage reply(SentMessage to, String text) {
        telegram.replyTo(userId, to.messageId(), text);
        return next(m -> true);
    }

    SentMessage sendPhoto(byte[] image, String caption) {
        telegram.sendPhoto(userId, image, caption);
        return next(m -> true);
    }

    // Posting without waiting: in a consultation the bot relays what one side writes to the other, and the writer may
    // get no answer at all. Each returns the id of the user's new message (to edit it or reply to it later);
    // replyTo is the id of a message of this chat it replies to (the bot's or the user's own), or null.

    long postText(String text, Long replyTo) {
        if (replyTo == null) {
            telegram.sendText(userId, text);
        } else {
            telegram.replyTo(userId, replyTo, text);
        }
        return telegram.lastMessageIdFrom(userId);
    }

    long postPhoto(byte[] image, String caption, Long replyTo) {
        telegram.sendPhoto(userId, image, caption, replyTo);
        return telegram.lastMessageIdFrom(userId);
    }

    long postDocument(String fileName, String mimeType, byte[] content, String caption, Long replyTo) {
        telegram.sendDocument(userId, fileName, mimeType, content, caption, replyTo);
        return telegram.lastMessageIdFrom(userId);
    }

    /** A voice note (OGG bytes, not checked) of {@code durationSeconds}. */
    long postVoice(byte[] ogg, int durationSeconds, String caption, Long replyTo) {
        telegram.sendVoice(userId, ogg, durationSeconds, caption, replyTo);
        return telegram.lastMessageIdFrom(userId);
    }

    /** Edits one of the user's messages: the text, or a media message's caption; the bot gets an edited_message. */
    void edit(long messageId, String newTextOrCaption) {
        telegram.editMessage(userId, messageId, newTextOrCaption);
    }

    /**
     * Waits until the bot edits {@code message} (another edit than the one it had) into a version that satisfies
     * the condition; relayed edits change the copy in place rather than sending a new message.
     */
    SentMessage awaitEdit(SentMessage message, Predicate<SentMessage> condition) {
        return awaitEdit(message, condition, ANSWER_TIMEOUT);
    }

    /** {@link #awaitEdit(SentMessage, Predicate)} for an edit a timer makes, later than an answer would come. */
    SentMessage awaitEdit(SentMessage message, Predicate<SentMessage> condition, Duration timeout) {
        return telegram.awaitMessage(userId, m -> m.messageId() == message.messageId()
                && m.editCount() > message.editCount() && condition.test(m), timeout);
    }

    /** Waits for a message whose visible text contains {@code fragment}. */
    SentMessage nextContaining(String fragment) {
        return next(m -> m.plainText().contains(fragment));
    }

    List<SentMessage> all() {
        return telegram.messagesTo(userId);
    }

    private long newestMessageId() {
        return telegram.messagesTo(userId).stream().mapToLong(SentMessage::messageId).max().orElse(0);
    }
}
