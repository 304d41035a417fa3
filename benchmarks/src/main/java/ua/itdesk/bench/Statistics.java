package ua.itdesk.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.telegram.SentMessage;
import ua.itdesk.sandbox.telegram.TelegramStandIn;

/**
 * M1: a supervisor's {@code /stats} of a period holding the whole seeded history (10,000 past requests at full scale),
 * through the real bot and agent: from the supervisor's last date reaching the Telegram stand-in to the CSV, the last
 * of the summary, the two charts and the CSV, reaching it. Played twice with periods one day apart, so that the second
 * is read from Jira again rather than from the agent's cache; the Jira calls are counted at the Jira stand-in.
 */
final class Statistics {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    static final String TARGET = "under 5000 ms";

    private Statistics() {
    }

    static List<Result> m1(SystemUnderLoad system) {
        TelegramStandIn telegram = system.sandbox.telegram();
        JiraStandIn jira = system.sandbox.jira();
        ZoneId zone = jira.options().zone();
        SeedPerson seed = SeedPeople.withRole("supervisor").stream().filter(SeedPerson::canLogIn).findFirst()
                .orElseThrow(() -> new IllegalStateException("the seed has no supervisor who can log in"));
        Person supervisor = new Person(telegram, seed);
        supervisor.logInToMenu();
        LocalDate today = LocalDate.now(zone);
        LocalDate oldest = jira.requests().stream().map(r -> r.created().atZone(zone).toLocalDate())
                .min(LocalDate::compareTo).orElse(today);
        List<Result> results = new ArrayList<>();
        String[] labels = {"first reading in this process", "second reading, a day shorter (not cached)"};
        for (int i = 0; i < labels.length; i++) {
            LocalDate from = oldest.plusDays(i);
            results.add(reading(system, supervisor, from, today, zone, labels[i]));
        }
        return results;
    }

    private static Result reading(SystemUnderLoad system, Person supervisor, LocalDate from, LocalDate to,
            ZoneId zone, String label) {
        TelegramStandIn telegram = system.sandbox.telegram();
        JiraStandIn jira = system.sandbox.jira();
        Instant start = from.atStartOfDay(zone).toInstant();
        long expected = jira.requests().stream().map(JiraRequest::created).filter(c -> !c.isBefore(start)).count();
        SentMessage picker = supervisor.send("/stats");
        supervisor.press(picker, "Свій період", "Custom period");
        supervisor.send(DAY.format(from));
        jira.resetCallCounts();
        long sent = System.nanoTime();
        telegram.sendText(supervisor.id(), DAY.format(to));
        SentMessage csv = supervisor.next(m -> m.file() != null && m.file().fileName().endsWith(".csv"));
        Long arrived = system.traffic.fileArrival(supervisor.id(), csv.messageId());
        double millis = ((arrived == null ? System.nanoTime() : arrived) - sent) / 1e6;
        int calls = jira.totalCalls();
        Map<String, Integer> byKind = new TreeMap<>(jira.callCounts());
        long rows = new String(csv.file().content(), StandardCharsets.UTF_8).lines().count() - 1;
        boolean summaryCounts = telegram.messagesTo(supervisor.id()).stream()
                .anyMatch(m -> m.plainText().matches("(?s).*(Створено заявок|Requests created): " + expected + ",.*"));
        long errors = summaryCounts && rows >= expected ? 0 : 1;
        Harness.log("M1 " + label + ": " + expected + " requests in " + from + ".." + to + ", " + Math.round(millis)
                + " ms, " + calls + " Jira calls " + byKind + ", CSV " + rows + " rows");
        return new Result("M1", "statistics of " + (to.toEpochDay() - from.toEpochDay() + 1) + " days holding "
                + expected + " requests, " + label, Latencies.NONE, Double.NaN, errors, Double.NaN, millis, "ms",
                TARGET, errors == 0 ? millis < 5000 : Boolean.FALSE, "from the last date typed to the CSV (after the"
                        + " summary and both charts) at the Telegram stand-in; " + calls + " Jira calls " + byKind
                        + "; CSV " + rows + " rows; summary count " + (summaryCounts ? "matches" : "DIFFERS"));
    }
}
