package ua.itdesk.bot.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import ua.itdesk.bot.testing.FakeAgent;
import ua.itdesk.contracts.v1.EventBatch;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * The agent's {@code GET /api/v1/events} as a long poll for {@link FakeAgent}: a batch a test publishes is handed
 * to the next poll at once; a poll with nothing to hand out waits (at most the bot's {@code waitSeconds}) and then
 * answers no events with the bot's own cursor.
 */
final class EventFeed implements FakeAgent.Route {

    private final LinkedBlockingQueue<EventBatch> batches = new LinkedBlockingQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final String prefix;

    EventFeed(String prefix) {
        this.prefix = prefix;
    }

    /** Hands out the events with the next cursor; returns that cursor. */
    String publish(RequestEvent... events) {
        return enqueue(false, events);
    }

    /** Hands out a batch that tells the bot its cursor could not be honoured. */
    String reset(RequestEvent... events) {
        return enqueue(true, events);
    }

    private String enqueue(boolean reset, RequestEvent... events) {
        String cursor = prefix + "-" + sequence.incrementAndGet();
        batches.add(new EventBatch(List.of(events), cursor, reset));
        return cursor;
    }

    @Override
    public FakeAgent.Answer answer(FakeAgent.Call call, Matcher path) throws InterruptedException {
        int wait = Integer.parseInt(param(call.query(), "waitSeconds", "0"));
        EventBatch batch = batches.poll(Math.min(wait, 5), TimeUnit.SECONDS);
        if (batch == null) {
            batch = new EventBatch(List.of(), param(call.query(), "cursor", null), false);
        }
        return FakeAgent.Answer.json(batch);
    }

    static String param(String query, String name, String otherwise) {
        if (query == null) {
            return otherwise;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return otherwise;
    }
}
