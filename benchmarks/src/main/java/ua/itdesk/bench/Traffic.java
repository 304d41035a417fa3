package ua.itdesk.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.telegram.SentMessage;
import ua.itdesk.sandbox.telegram.TelegramStandIn;

/**
 * What passed through the stand-ins, timed where it passed: a measured message carries a token
 * ({@code bench-<run>-<n>}) in its text, and the token is timed when the user's message reaches the Telegram
 * stand-in, when Jira's webhook carrying it goes out, and when the bot's message carrying it reaches the Telegram
 * stand-in. Offers to specialists are queued for whoever accepts them.
 */
final class Traffic implements TelegramStandIn.MessageListener, JiraStandIn.WebhookListener {

    private static final Pattern TOKEN = Pattern.compile("bench-[a-z0-9]+-[0-9]+");

    private final Map<String, Long> fromUser = new ConcurrentHashMap<>();
    private final Map<String, Long> webhookSent = new ConcurrentHashMap<>();
    private final Map<String, Arrival> toUser = new ConcurrentHashMap<>();
    private final Map<String, Long> files = new ConcurrentHashMap<>();
    private final BlockingQueue<SentMessage> offers = new LinkedBlockingQueue<>();

    /** The bot's message carrying a token: where it went and when it reached the stand-in. */
    record Arrival(long chatId, long nanoTime) {
    }

    static Traffic attach(TelegramStandIn telegram, JiraStandIn jira) {
        Traffic t = new Traffic();
        telegram.addMessageListener(t);
        jira.addWebhookListener(t);
        return t;
    }

    static String token(String run, int n) {
        return "bench-" + run + "-" + n;
    }

    @Override
    public void stored(SentMessage message, boolean fromBot, long nanoTime) {
        if (fromBot && message.file() != null) {
            files.putIfAbsent(message.chatId() + ":" + message.messageId(), nanoTime);
        }
        Matcher m = TOKEN.matcher(message.text());
        if (m.find()) {
            if (fromBot) {
                toUser.putIfAbsent(m.group(), new Arrival(message.chatId(), nanoTime));
            } else {
                fromUser.putIfAbsent(m.group(), nanoTime);
            }
        }
        if (fromBot && message.hasInlineKeyboard() && message.buttonTexts().stream()
                .anyMatch(t -> message.callbackDataOf(t).filter(d -> d.startsWith("cs|a|")).isPresent())) {
            offers.add(message);
        }
    }

    @Override
    public void sending(String event, String issueKey, String body, long nanoTime) {
        Matcher m = TOKEN.matcher(body);
        if (m.find()) {
            webhookSent.putIfAbsent(m.group(), nanoTime);
        }
    }

    Long fromUser(String token) {
        return fromUser.get(token);
    }

    Long webhookSent(String token) {
        return webhookSent.get(token);
    }

    Arrival toUser(String token) {
        return toUser.get(token);
    }

    /** When the bot's photo or document with this id reached the stand-in. */
    Long fileArrival(long chatId, long messageId) {
        return files.get(chatId + ":" + messageId);
    }

    BlockingQueue<SentMessage> offers() {
        return offers;
    }

    /** Waits until every token reached a user or the time is up; returns how many are still missing. */
    long awaitDelivered(Collection<String> tokens, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> all = List.copyOf(tokens);
        while (true) {
            long missing = all.stream().filter(t -> !toUser.containsKey(t)).count();
            if (missing == 0 || System.nanoTime() > deadline) {
                return missing;
            }
            Harness.sleep(50);
        }
    }
}
