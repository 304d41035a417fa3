package ua.itdesk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.telegram.TelegramStandIn;

/**
 * Jira events that the bot turns into Telegram messages: a specialist's public comment on an employee's open request
 * (each carries a token, so the webhook and the notification are matched one to one), round robin over the
 * employees who are logged in. PERF2 paces them and times webhook sent to message arrived; PERF3 fires a burst at
 * the stand-in enforcing Telegram's limits and counts what got through and how fast.
 */
final class Notifications {

    /** Who writes the comments: a specialist of the seed, so that no requester is told of their own comment. */
    private static final String AUTHOR = "b.rudenko";

    private Notifications() {
    }

    static Result perf2(SystemUnderLoad system, Scale scale) {
        Map<Person, String> targets = system.openRequestOfEach();
        Fired fired = fire(system, targets, "e", scale.events(), scale.eventsPerSecond());
        long missing = system.traffic.awaitDelivered(fired.tokens, Duration.ofSeconds(60));
        List<Long> latencies = latencies(system.traffic, fired.tokens);
        Latencies l = Latencies.ofNanos(latencies);
        return Result.latency("PERF2", "Jira event to Telegram message, " + fired.tokens.size() + " comments at "
                        + scale.eventsPerSecond() + "/s to " + targets.size() + " requesters",
                l, throughput(system.traffic, fired), missing, "p99 < 1000 ms", l.count() == 0 ? null : l.p99() < 1000,
                "from the Jira stand-in's webhook POST to the bot's sendMessage at the Telegram stand-in; "
                        + system.limits);
    }

    static List<Result> perf3(SystemUnderLoad system, Scale scale, int globalPerSecond, int perChatPerSecond) {
        TelegramStandIn telegram = system.sandbox.telegram();
        Map<Person, String> targets = system.openRequestOfEach();
        telegram.setRateLimits(globalPerSecond, perChatPerSecond);
        int hitsBefore = telegram.rateLimitHits();
        Fired fired = fire(system, targets, "b", scale.burst(), 0);
        double limit = Math.min(globalPerSecond, (double) perChatPerSecond * targets.size());
        Duration patience = Duration.ofSeconds(60 + (long) (2 * scale.burst() / limit));
        long missing = system.traffic.awaitDelivered(fired.tokens, patience);
        int refused = telegram.rateLimitHits() - hitsBefore;
        double rate = throughput(system.traffic, fired);
        Latencies l = Latencies.ofNanos(latencies(system.traffic, fired.tokens));
        boolean met = missing == 0 && refused == 0 && rate >= 0.9 * limit;
        List<Result> results = new ArrayList<>();
        results.add(Result.latency("PERF3", "burst of " + fired.tokens.size() + " notifications to "
                        + targets.size() + " chats, stand-in enforcing " + globalPerSecond + "/s and "
                        + perChatPerSecond + "/s per chat", l, rate, missing + refused,
                "all delivered, 0 x 429, rate >= " + String.format("%.1f", 0.9 * limit) + "/s", met,
                missing + " not delivered, " + refused + " x 429; the binding limit is min(global, chats x per chat)"
                        + " = " + String.format("%.0f", limit) + "/s; latency from webhook to message includes the"
                        + " queue"));
        return results;
    }

    private record Fired(List<String> tokens, long firstSent) {
    }

    /** Fires {@code count} comments round robin over the targets, {@code perSecond} a second (0: at once). */
    private static Fired fire(SystemUnderLoad system, Map<Person, String> targets, String run, int count,
            int perSecond) {
        if (targets.isEmpty()) {
            throw new IllegalStateException("no logged-in employee has an open request");
        }
        JiraStandIn jira = system.sandbox.jira();
        List<String> keys = List.copyOf(targets.values());
        List<String> tokens = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                Harness.sleepUntil(start + i * 1_000_000_000L / perSecond);
            }
            String token = Traffic.token(run, i);
            jira.addPublicComment(keys.get(i % keys.size()), AUTHOR, "Перевірте, будь ласка, ще раз. " + token);
            tokens.add(token);
        }
        Harness.log("fired " + count + " comments on " + keys.size() + " requests in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        return new Fired(tokens, start);
    }

    private static List<Long> latencies(Traffic traffic, List<String> tokens) {
        List<Long> latencies = new ArrayList<>();
        for (String t : tokens) {
            Long sent = traffic.webhookSent(t);
            Traffic.Arrival arrived = traffic.toUser(t);
            if (sent != null && arrived != null) {
                latencies.add(arrived.nanoTime() - sent);
            }
        }
        return latencies;
    }

    /** Notifications per second from the first webhook to the last arrival. */
    private static double throughput(Traffic traffic, Fired fired) {
        long first = fired.tokens.stream().map(traffic::webhookSent).filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue).min().orElse(fired.firstSent);
        long last = fired.tokens.stream().map(traffic::toUser).filter(java.util.Objects::nonNull)
                .mapToLong(Traffic.Arrival::nanoTime).max().orElse(first);
        long delivered = fired.tokens.stream().filter(t -> traffic.toUser(t) != null).count();
        return last <= first ? Double.NaN : delivered / ((last - first) / 1e9);
    }
}
