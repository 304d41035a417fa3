package ua.itdesk.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * PERF4: Jira API calls per user action over a realistic mix, counted at the Jira stand-in: every employee logs in,
 * looks at "my requests" several times, and some file one request each. Played with the caches as configured
 * (the bot's list cache {@code bot.requests.cache-ttl}, the agent's request types {@code agent.requests.categories-ttl}).
 * Leaves every employee logged in and the creators with an open request for the workloads that follow.
 */
final class JiraCallsMix {

    private JiraCallsMix() {
    }

    static List<Result> play(SystemUnderLoad system, Scale scale, String cache) {
        JiraStandIn jira = system.sandbox.jira();
        List<Result> results = new ArrayList<>();
        long[] total = new long[2];
        Consumer<Phase> add = phase -> {
            results.add(phase.result(cache));
            total[0] += phase.calls;
            total[1] += phase.actions;
        };
        add.accept(Phase.run(jira, "log in", system.employees, e -> e.logInToMenu(), 1));
        add.accept(Phase.run(jira, "my requests", system.employees, e -> {
            SentMessage list = e.press(e.menu(), "Мої заявки", "My requests");
            if (list.buttonTexts().isEmpty() && list.plainText().isBlank()) {
                throw new IllegalStateException("an empty answer to my requests");
            }
        }, scale.listViews()));
        List<Person> creators = system.employees.stream().filter(Person::speaksUkrainian).limit(scale.creators())
                .toList();
        add.accept(Phase.run(jira, "create request", creators,
                e -> e.fileRequest(e.menu(), "Бенчмарк: потрібна нова клавіатура"), 1));
        double ratio = total[1] == 0 ? Double.NaN : (double) total[0] / total[1];
        results.add(new Result("PERF4", "mix total, cache " + cache, Latencies.NONE, Double.NaN, 0, ratio,
                Double.NaN, "", "", null, total[0] + " Jira calls for " + total[1] + " actions"));
        return results;
    }

    /** One kind of action, played by each person {@code times} times one after another, and the calls it cost. */
    private record Phase(String action, long actions, long calls, long errors, String byOperation) {

        static Phase run(JiraStandIn jira, String action, List<Person> people, Consumer<Person> step, int times) {
            Map<String, Integer> before = jira.callCounts();
            long start = jira.totalCalls();
            AtomicLong done = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            // people act side by side, each one step after another, as they would; at Telegram's 1 message a
            // second per chat one after another would take minutes
            List<Thread> threads = new ArrayList<>();
            for (Person p : people) {
                Thread t = new Thread(() -> {
                    for (int i = 0; i < times; i++) {
                        try {
                            p.catchUp();
                            step.accept(p);
                            done.incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            Harness.log(action + " failed for " + p.seed().login() + ": " + e.getMessage());
                        }
                    }
                }, "bench-" + p.seed().login());
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            // what an action sets off in the agent (assignment after a creation) comes within a moment
            Harness.sleep(1500);
            long calls = jira.totalCalls() - start;
            Map<String, Integer> after = jira.callCounts();
            Map<String, Integer> delta = new HashMap<>();
            after.forEach((op, n) -> {
                int d = n - before.getOrDefault(op, 0);
                if (d > 0) {
                    delta.put(op, d);
                }
            });
            String ops = delta.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(en -> en.getKey() + " " + en.getValue()).collect(Collectors.joining(", "));
            Harness.log("PERF4 " + action + ": " + done.get() + " actions, " + calls + " Jira calls (" + ops + ")");
            return new Phase(action, done.get(), calls, errors.get(), ops);
        }

        Result result(String cache) {
            return new Result("PERF4", action + ", cache " + cache, Latencies.NONE, Double.NaN, errors,
                    actions == 0 ? Double.NaN : (double) calls / actions, Double.NaN, "", "", null,
                    actions + " actions, " + calls + " calls" + (byOperation.isEmpty() ? "" : ": " + byOperation));
        }
    }
}
