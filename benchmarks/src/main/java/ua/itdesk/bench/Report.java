package ua.itdesk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's figures as Markdown ({@value #MARKDOWN}) and CSV ({@value #CSV}), one section per requirement. */
final class Report {

    static final String MARKDOWN = "report.md";
    static final String CSV = "results.csv";
    static final List<String> SECTIONS = List.of("PERF1", "PERF2", "PERF3", "PERF4", "PERF5", "M1");
    static final Map<String, String> TITLES = Map.of(
            "PERF1", "Consultation relay: added latency",
            "PERF2", "Jira event to Telegram message",
            "PERF3", "Burst of notifications within Telegram's limits",
            "PERF4", "Jira calls per user action, cache on and off",
            "PERF5", "Start-up time and resident memory",
            "M1", "Statistics of a large period, supervisor's /stats to the last file");
    static final String CSV_HEADER = "perf,workload,count,p50_ms,p90_ms,p99_ms,max_ms,throughput_per_s,errors,"
            + "jira_calls_per_action,value,unit,target,met,note,cores,memory,jvm";

    private Report() {
    }

    static void write(Path dir, Scale scale, Machine machine, String loadAfter, Duration took, List<Result> results,
            List<String> notes) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CSV), csv(machine, results));
            Files.writeString(dir.resolve(MARKDOWN), markdown(scale, machine, loadAfter, took, results, notes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csv(Machine machine, List<Result> results) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (Result r : results) {
            Latencies l = r.latency();
            b.append(String.join(",", cell(r.perf()), cell(r.workload()), Integer.toString(l.count()), num(l.p50()),
                    num(l.p90()), num(l.p99()), num(l.max()), num(r.throughput()), Long.toString(r.errors()),
                    num(r.jiraPerAction()), num(r.value()), cell(r.unit()), cell(r.target()),
                    r.met() == null ? "" : r.met().toString(), cell(r.note()), Integer.toString(machine.cores()),
                    cell(machine.memory()), cell(machine.jvm()))).append('\n');
        }
        return b.toString();
    }

    static String markdown(Scale scale, Machine machine, String loadAfter, Duration took, List<Result> results,
            List<String> notes) {
        StringBuilder b = new StringBuilder();
        b.append("# Benchmark report (").append(scale.name()).append(" scale)\n\n");
        b.append("- Date: ").append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
                .append(" UTC; the run took ").append(took.toSeconds()).append(" s\n");
        b.append("- Machine: ").append(machine.cores()).append(" cores, ").append(machine.memory()).append(", ")
                .append(machine.jvm()).append(", ").append(machine.os()).append('\n');
        b.append("- Load average (1, 5, 15 min) at the start: ").append(machine.loadAverage()).append("; at the end: ")
                .append(loadAfter).append('\n');
        b.append("- Command: `").append(Harness.COMMAND).append("`\n\n");
        for (String perf : SECTIONS) {
            b.append("## ").append(perf).append(": ").append(TITLES.get(perf)).append("\n\n");
            List<Result> rows = results.stream().filter(r -> r.perf().equals(perf)).toList();
            if (rows.isEmpty()) {
                b.append("Not measured in this run (see the notes).\n\n");
                continue;
            }
            b.append("| workload | n | p50 ms | p90 ms | p99 ms | max ms | per s | errors | Jira calls/action | value "
                    + "| target | met | note |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Result r : rows) {
                Latencies l = r.latency();
                b.append("| ").append(md(r.workload())).append(" | ").append(l.count()).append(" | ")
                        .append(num(l.p50())).append(" | ").append(num(l.p90())).append(" | ").append(num(l.p99()))
                        .append(" | ").append(num(l.max())).append(" | ").append(num(r.throughput())).append(" | ")
                        .append(r.errors()).append(" | ").append(num(r.jiraPerAction())).append(" | ")
                        .append(Double.isNaN(r.value()) ? "" : num(r.value()) + " " + r.unit()).append(" | ")
                        .append(md(r.target())).append(" | ")
                        .append(r.met() == null ? "" : r.met() ? "yes" : "**no**").append(" | ")
                        .append(md(r.note())).append(" |\n");
            }
            b.append('\n');
        }
        if (!notes.isEmpty()) {
            b.append("## Notes\n\n");
            notes.forEach(n -> b.append("- ").append(n).append('\n'));
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
