package ua.itdesk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ua.itdesk.sandbox.telegram.SentMessage;
import ua.itdesk.sandbox.telegram.TelegramStandIn;

/**
 * PERF1: live consultations relayed by the bot. Every employee with an open request asks for a specialist, the
 * specialists (all online) accept their offers as they come, and then the employees write, paced to a total rate;
 * each message is timed from its arrival at the Telegram stand-in to the bot's copy arriving in the specialist's
 * chat.
 */
final class Relay {

    private Relay() {
    }

    static List<Result> perf1(SystemUnderLoad system, Scale scale) {
        TelegramStandIn telegram = system.sandbox.telegram();
        Map<Long, Long> specialistOf = open(system);
        List<Long> writers = List.copyOf(specialistOf.keySet());
        List<Result> results = new ArrayList<>();
        int round = 0;
        for (int rate : scale.relayRates()) {
            int count = (int) (rate * scale.relayFor().toMillis() / 1000);
            String run = "r" + rate + "x" + round++;
            List<String> tokens = new ArrayList<>();
            Map<String, Long> expectedChat = new HashMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Harness.sleepUntil(start + i * 1_000_000_000L / rate);
                long employee = writers.get(i % writers.size());
                String token = Traffic.token(run, i);
                telegram.sendText(employee, "Ось що бачу на екрані: " + token);
                tokens.add(token);
                expectedChat.put(token, specialistOf.get(employee));
            }
            double sentRate = count / ((System.nanoTime() - start) / 1e9);
            long missing = system.traffic.awaitDelivered(tokens, Duration.ofSeconds(30));
            List<Long> latencies = new ArrayList<>();
            long misrouted = 0;
            long last = start;
            for (String t : tokens) {
                Long in = system.traffic.fromUser(t);
                Traffic.Arrival out = system.traffic.toUser(t);
                if (in == null || out == null) {
                    continue;
                }
                if (out.chatId() != expectedChat.get(t)) {
                    misrouted++;
                }
                latencies.add(out.nanoTime() - in);
                last = Math.max(last, out.nanoTime());
            }
            Latencies l = Latencies.ofNanos(latencies);
            double throughput = last <= start ? Double.NaN : latencies.size() / ((last - start) / 1e9);
            results.add(Result.latency("PERF1", "relay at " + rate + " msg/s in total over " + writers.size()
                            + " consultations, " + count + " messages", l, throughput, missing + misrouted,
                    rate >= 200 ? "p99 < 50 ms at 200/s" : "", rate >= 200 && l.count() > 0 ? l.p99() < 50 : null,
                    String.format("offered %.1f/s; %d not relayed, %d to the wrong chat; %s", sentRate, missing,
                            misrouted, system.limits)));
            Harness.log("PERF1 at " + rate + "/s: " + l);
        }
        return results;
    }

    /**
     * Puts the specialists online and has every employee with an open request ask for one; accepts every offer as
     * it comes. Returns employee chat to specialist chat for the consultations that began.
     */
    private static Map<Long, Long> open(SystemUnderLoad system) {
        TelegramStandIn telegram = system.sandbox.telegram();
        for (Person s : system.specialists) {
            s.catchUp();
            s.goOnline(s.logInToMenu());
        }
        Map<Person, String> asking = system.openRequestOfEach();
        Map<String, Long> employeeOfKey = new HashMap<>();
        asking.forEach((e, key) -> employeeOfKey.put(key, e.id()));
        Map<Long, Long> specialistOf = new LinkedHashMap<>();
        Thread acceptor = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    SentMessage offer = system.traffic.offers().poll(200, TimeUnit.MILLISECONDS);
                    if (offer == null) {
                        continue;
                    }
                    String data = offer.buttonTexts().stream().map(offer::callbackDataOf)
                            .flatMap(java.util.Optional::stream).filter(d -> d.startsWith("cs|a|")).findFirst()
                            .orElseThrow();
                    employeeOfKey.forEach((key, employee) -> {
                        if (offer.plainText().contains(key)) {
                            synchronized (specialistOf) {
                                specialistOf.put(employee, offer.chatId());
                            }
                        }
                    });
                    telegram.pressButton(offer.chatId(), offer.messageId(), data);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-offer-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            for (Map.Entry<Person, String> a : asking.entrySet()) {
                Person e = a.getKey();
                e.catchUp();
                SentMessage detail = e.pressData(e.menu(), "rq|d|" + a.getValue());
                e.pressData(detail, "cs|c|" + a.getValue());
            }
            Map<Long, Long> began = new LinkedHashMap<>();
            for (Person e : asking.keySet()) {
                try {
                    e.next(m -> m.plainText().startsWith("👋"));
                    synchronized (specialistOf) {
                        if (specialistOf.containsKey(e.id())) {
                            began.put(e.id(), specialistOf.get(e.id()));
                        }
                    }
                } catch (IllegalStateException notBegun) {
                    Harness.log("no consultation began for " + e.seed().login());
                }
            }
            Harness.log("PERF1: " + began.size() + " consultations between " + began.size() + " employees and "
                    + began.values().stream().distinct().count() + " specialists");
            if (began.isEmpty()) {
                throw new IllegalStateException("no consultation began");
            }
            return began;
        } finally {
            acceptor.interrupt();
        }
    }
}
