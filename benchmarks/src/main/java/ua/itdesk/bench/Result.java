package ua.itdesk.bench;

/**
 * One line of the report and the CSV.
 *
 * @param perf          the requirement it measures ({@code PERF1} .. {@code PERF5})
 * @param workload      what was played, in a few words
 * @param latency       the latencies measured (or {@link Latencies#NONE})
 * @param throughput    what got through per second (messages, notifications), NaN when not a rate
 * @param errors        what never arrived, or arrived wrongly, or was refused (429)
 * @param jiraPerAction Jira API calls per user action (PERF4), NaN otherwise
 * @param value         a single figure of its own (PERF5: milliseconds to ready or MB resident), NaN otherwise
 * @param unit          the unit of {@code value}
 * @param target        the requirement's target, as text ("" when none)
 * @param met           whether the target is met; null when there is none or it is not a figure of this line
 * @param note          how to read it (limits in force, what was scaled down)
 */
record Result(String perf, String workload, Latencies latency, double throughput, long errors, double jiraPerAction,
              double value, String unit, String target, Boolean met, String note) {

    static Result latency(String perf, String workload, Latencies latency, double throughput, long errors,
            String target, Boolean met, String note) {
        return new Result(perf, workload, latency, throughput, errors, Double.NaN, Double.NaN, "", target, met, note);
    }

    static Result figure(String perf, String workload, double value, String unit, String note) {
        return new Result(perf, workload, Latencies.NONE, Double.NaN, 0, Double.NaN, value, unit, "", null, note);
    }
}
