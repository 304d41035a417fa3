package ua.itdesk.bot.stats;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import ua.itdesk.contracts.v1.RequestStatistics;

/**
 * The CSV export of a period: one row per request (from Jira, through the agent) and one per consultation (from
 * the DMZ), in one table, the columns a kind does not have left empty. Names are those of specialists only; no
 * summaries, descriptions, requesters or phone numbers. The columns are listed in the bot's README.
 */
final class StatsCsv {

    static final List<String> COLUMNS = List.of("kind", "key", "created_at", "category", "priority", "status",
            "done", "resolved_at", "first_response_seconds", "through_telegram", "assignee", "consultation_id",
            "consultation_status", "queue_wait_seconds", "duration_seconds", "left_the_queue", "rating",
            "specialist");

    private StatsCsv() {
    }

    /** UTF-8 with a byte order mark, so that spreadsheet programs read the Cyrillic names right. */
    static byte[] write(RequestStatistics requests, List<DmzFigures.Consultation> consultations) {
        Map<String, String> categories = new HashMap<>();
        requests.categories().forEach(c -> categories.put(c.categoryId(), c.name()));
        Map<String, String> names = new HashMap<>();
        requests.specialists().stream().filter(s -> s.employeeId() != null)
                .forEach(s -> names.put(s.employeeId(), s.name()));
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get()
                .print(out)) {
            for (RequestStatistics.RequestFact r : requests.requests()) {
                csv.printRecord("request", r.key(), text(r.created()), categories.getOrDefault(r.categoryId(),
                        r.categoryId()), r.priority(), r.status(), r.done(), text(r.resolved()),
                        r.firstResponseSeconds(), r.throughTelegram(), r.assigneeName(), null, null, null, null, null,
                        null, null);
            }
            for (DmzFigures.Consultation c : consultations) {
                csv.printRecord("consultation", c.ticketKey(), text(c.enqueuedAt()), null, null, null, null, null,
                        null, null, null, c.id(), c.status(), seconds(c.waitBeforeAccept()), seconds(c.duration()),
                        c.abandonedInQueue(), c.rating(), c.specialistEmployeeId() == null ? null
                                : names.getOrDefault(c.specialistEmployeeId(), c.specialistEmployeeId()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }
}
