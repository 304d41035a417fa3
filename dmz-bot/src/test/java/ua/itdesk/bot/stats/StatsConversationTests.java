package ua.itdesk.bot.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.FakeAgent;
import ua.itdesk.bot.testing.FakeAgent.Answer;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Logins;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.RequestStatistics;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.sandbox.telegram.SentMessage;
import ua.itdesk.sandbox.telegram.TelegramFile;

/**
 * {@code /stats} through the Telegram stand-in against the scripted agent, with consultations, ratings and
 * deflections written into the DMZ database by the test: each figure of the summary is computed here from what the
 * test wrote, the charts are decoded and the CSV parsed.
 */
@QuarkusTest
@WithTestResource(value = BotTestResources.class, initArgs = @ResourceArg(name = BotTestResources.AGENT,
        value = "fake"))
class StatsConversationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STATISTICS = "/api/v1/statistics/requests";
    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    /** A custom period long ago, which no other test writes consultations into. */
    private static final LocalDate FROM = LocalDate.of(2020, 3, 2);
    private static final LocalDate TO = LocalDate.of(2020, 3, 8);

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    DataSource db;

    @Inject
    SessionStore sessions;

    FakeAgent agent;

    @BeforeEach
    void scriptTheAgent() {
        agent = sandbox.agent();
        agent.reset();
    }

    private static RequestStatistics requests(LocalDate from, LocalDate to) {
        Instant day = from.atStartOfDay(KYIV).toInstant();
        List<RequestStatistics.RequestFact> facts = List.of(
                new RequestStatistics.RequestFact("ITS-1", day.plusSeconds(3600), "10", Priority.HIGH, "Resolved",
                        true, day.plusSeconds(7200), 900L, true, "Богдан Руденко"),
                new RequestStatistics.RequestFact("ITS-2", day.plusSeconds(7200), "10", Priority.MEDIUM, "Closed",
                        true, day.plusSeconds(90_000), 4000L, true, "Катерина Марченко"),
                new RequestStatistics.RequestFact("ITS-3", day.plus(2, ChronoUnit.DAYS), "15", Priority.LOW,
                        "Waiting for support", false, null, null, false, null));
        return new RequestStatistics(from, to, "Europe/Kyiv", Instant.now(), 3, 2, false, 3,
                List.of(new RequestStatistics.DayCount(from, "10", 2),
                        new RequestStatistics.DayCount(from.plusDays(2), "15", 1)),
                List.of(new RequestStatistics.CategoryCount("10", "Обладнання / Hardware", 2),
                        new RequestStatistics.CategoryCount("15", "Друк / Printing", 1)),
                new RequestStatistics.ResponseTimes(2, 1, 2450L, 4000L),
                List.of(new RequestStatistics.SpecialistLoad("S-RUDENKO", "Богдан Руденко", 6, 3),
                        new RequestStatistics.SpecialistLoad("S-MARCHENKO", "Катерина Марченко", 3, 1)),
                facts);
    }

    /** One consultation as the test writes it; the expected figures are computed from these values. */
    private record Written(String status, String reason, Long waitSeconds, Long durationSeconds, Integer rating,
            String specialist) {
    }

    @Test
    void aSupervisorGetsTheSummaryTheChartsAndTheCsvOfACustomPeriod() throws IOException {
        long supervisor = Logins.loggedIn(sandbox, sessions, Role.SUPERVISOR, "en");
        long employee = Logins.loggedIn(sandbox, sessions, Role.EMPLOYEE, "en");
        agent.on("GET", STATISTICS, (call, path) -> Answer.json(requests(FROM, TO)));
        List<Written> written = List.of(
                new Written("RATED", "rated", 120L, 600L, 5, "S-RUDENKO"),
                new Written("RATED", "rated", 300L, 1200L, 4, "S-RUDENKO"),
                new Written("RATED", "rated", 600L, 1800L, 5, "S-MARCHENKO"),
                new Written("RATED", "rated", 900L, 2400L, 2, "S-MARCHENKO"),
                new Written("UNRATED", "rating skipped", 60L, 300L, null, "S-RUDENKO"),
                new Written("CANCELLED", DmzFigures.LEFT_THE_QUEUE, null, null, null, null),
                new Written("CANCELLED", "request closed", null, null, null, null));
        Instant base = FROM.atStartOfDay(KYIV).toInstant().plus(1, ChronoUnit.DAYS);
        for (int i = 0; i < written.size(); i++) {
            write(employee, base.plus(i, ChronoUnit.HOURS), written.get(i));
        }
        // one outside the period, which must not count
        write(employee, TO.plusDays(1).atStartOfDay(KYIV).toInstant().plusSeconds(60), written.get(0));
        for (int i = 0; i < 3; i++) {
            Rows.update(db, "INSERT INTO system_log (occurred_at, event_type, outcome) VALUES (?, "
                    + "'REQUEST_SOLVED_BY_ARTICLE', 'SUCCESS')", java.sql.Timestamp.from(base.plusSeconds(i)));
        }
        Rows.update(db, "INSERT INTO system_log (occurred_at, event_type, outcome) VALUES (?, "
                + "'REQUEST_SOLVED_BY_ARTICLE', 'SUCCESS')", java.sql.Timestamp.from(base.minus(30, ChronoUnit.DAYS)));

        int before = sandbox.count(supervisor);
        sandbox.telegram().sendText(supervisor, "/stats");
        sandbox.next(supervisor, before, WAIT,
                m -> m.plainText().startsWith("Statistics") && m.buttonTexts().contains("7 days"));
        sandbox.press(supervisor, "Custom period");
        sandbox.next(supervisor, before, WAIT, m -> m.plainText().startsWith("Type the first day"));
        assertThat(Rows.query(db, "SELECT state FROM stats_dialogs WHERE telegram_user_id = ?", supervisor))
                .containsExactly(Map.of("state", "ENTERING_FROM"));

        sandbox.telegram().sendText(supervisor, "31.02.2020");
        sandbox.next(supervisor, before, WAIT, m -> m.plainText().startsWith("“31.02.2020” is not a date."));
        sandbox.telegram().sendText(supervisor, LocalDate.now(KYIV).plusDays(2).format(StatsSummary.DAY));
        sandbox.next(supervisor, before, WAIT, m -> m.plainText().contains("is in the future"));
        sandbox.telegram().sendText(supervisor, FROM.format(StatsSummary.DAY));
        sandbox.next(supervisor, before, WAIT,
                m -> m.plainText().startsWith("First day: 02.03.2020. Now type the last day"));
        sandbox.telegram().sendText(supervisor, "2020-03-01");
        sandbox.next(supervisor, before, WAIT,
                m -> m.plainText().startsWith("01.03.2020 is before the first day, 02.03.2020."));
        sandbox.telegram().sendText(supervisor, "2020-09-01");
        sandbox.next(supervisor, before, WAIT, m -> m.plainText().contains("is longer than 92 days"));
        sandbox.telegram().sendText(supervisor, TO.format(StatsSummary.DAY));

        SentMessage summary = sandbox.next(supervisor, before, WAIT,
                m -> m.plainText().startsWith("Statistics 02.03.2020"));
        List<FakeAgent.Call> calls = agent.calls("GET", STATISTICS);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).query()).isEqualTo("from=2020-03-02&to=2020-03-08&zone=Europe%2FKyiv");
        assertThat(calls.get(0).header("Authorization")).isEqualTo("Bearer " + Logins.tokenOf(supervisor));

        List<Written> in = written;
        List<Long> waits = in.stream().filter(w -> w.waitSeconds() != null).map(Written::waitSeconds).sorted()
                .toList();
        List<Long> durations = in.stream().filter(w -> w.durationSeconds() != null).map(Written::durationSeconds)
                .sorted().toList();
        List<Integer> ratings = in.stream().filter(w -> w.rating() != null).map(Written::rating).toList();
        String text = summary.plainText();
        assertThat(text).contains("Requests created: 3, through Telegram: 2 (67%)",
                "02.03 2 · 03.03 0 · 04.03 1 · 05.03 0", "Обладнання / Hardware: 2",
                "First response: median 41 min, p90 1 h 7 min (2 answered, 1 not yet)",
                "Consultations: " + in.size() + "; wait before accept: median " + minutes(median(waits))
                        + "; duration: median " + minutes(median(durations)) + "; left the queue: 1",
                String.format(java.util.Locale.ROOT, "Satisfaction: %.1f on average from %d ratings",
                        ratings.stream().mapToInt(Integer::intValue).average().orElseThrow(), ratings.size()),
                "(5★ " + Collections.frequency(ratings, 5) + " · 4★ " + Collections.frequency(ratings, 4)
                        + " · 3★ 0 · 2★ " + Collections.frequency(ratings, 2) + " · 1★ 0)",
                "Богдан Руденко: active 6, resolved 3, consultations "
                        + in.stream().filter(w -> "S-RUDENKO".equals(w.specialist())).count(),
                "Катерина Марченко: active 3, resolved 1, consultations "
                        + in.stream().filter(w -> "S-MARCHENKO".equals(w.specialist())).count(),
                "Solved by a knowledge-base article (no request filed): 3", "Jira calls: 3");

        List<SentMessage> photos = awaitFiles(supervisor, before, "photo", 2);
        for (SentMessage photo : photos) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo.file().content()));
            assertThat(image).as("a PNG that decodes").isNotNull();
            assertThat(image.getWidth()).isEqualTo(StatsCharts.WIDTH);
            assertThat(image.getHeight()).isEqualTo(StatsCharts.HEIGHT);
        }
        TelegramFile csvFile = awaitFiles(supervisor, before, "document", 1).get(0).file();
        assertThat(csvFile.fileName()).isEqualTo("stats-2020-03-02_2020-03-08.csv");
        String csvText = new String(csvFile.content(), StandardCharsets.UTF_8).replace("\uFEFF", "");
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csvText))) {
            assertThat(parser.getHeaderNames()).isEqualTo(StatsCsv.COLUMNS);
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(3 + in.size());
            assertThat(rows.stream().filter(r -> r.get("kind").equals("request")).map(r -> r.get("key")))
                    .containsExactly("ITS-1", "ITS-2", "ITS-3");
            assertThat(rows.stream().filter(r -> r.get("kind").equals("consultation"))
                    .filter(r -> r.get("specialist").equals("Богдан Руденко")).count()).isEqualTo(3);
        }
        assertThat(Rows.query(db, "SELECT 1 FROM stats_dialogs WHERE telegram_user_id = ?", supervisor)).isEmpty();
        // audited once everything was sent
        awaitAudit(supervisor, "SUCCESS");
    }

    @Test
    void theMenuItemAndSevenDaysAskTheAgentForTheLastSevenDays() {
        long supervisor = Logins.loggedIn(sandbox, sessions, Role.SUPERVISOR, "en");
        LocalDate today = LocalDate.now(KYIV);
        agent.on("GET", STATISTICS, (call, path) -> Answer.json(requests(today.minusDays(6), today)));
        int before = sandbox.count(supervisor);
        sandbox.telegram().sendText(supervisor, "/menu");
        SentMessage menu = sandbox.next(supervisor, before, WAIT, m -> m.plainText().startsWith("Main menu"));
        sandbox.telegram().pressButton(supervisor, menu.messageId(), menu.callbackDataOf("Statistics").orElseThrow());
        sandbox.next(supervisor, before, WAIT, m -> m.buttonTexts().contains("7 days"));
        sandbox.press(supervisor, "7 days");
        sandbox.next(supervisor, before, WAIT, m -> m.plainText().startsWith("Statistics " + today.minusDays(6)
                .format(StatsSummary.DAY)));
        assertThat(agent.calls("GET", STATISTICS).get(0).query())
                .isEqualTo("from=" + today.minusDays(6) + "&to=" + today + "&zone=Europe%2FKyiv");
        awaitFiles(supervisor, before, "photo", 2);
    }

    @Test
    void someoneWhoIsNotASupervisorIsRefusedAndTheRefusalAudited() {
        for (Role role : List.of(Role.EMPLOYEE, Role.SPECIALIST)) {
            long user = Logins.loggedIn(sandbox, sessions, role, "en");
            int before = sandbox.count(user);
            sandbox.telegram().sendText(user, "/stats");
            sandbox.next(user, before, WAIT, m -> m.plainText().equals("Statistics are for supervisors only."));
            awaitAudit(user, "REFUSED");
            assertThat(Rows.query(db, "SELECT 1 FROM stats_dialogs WHERE telegram_user_id = ?", user)).isEmpty();
        }
        assertThat(agent.calls("GET", STATISTICS)).isEmpty();
    }

    @Test
    void cancelTimeoutAndAnAgentRefusalEndThePickerWithAClearMessage() {
        long supervisor = Logins.loggedIn(sandbox, sessions, Role.SUPERVISOR, "en");
        int before = sandbox.count(supervisor);
        sandbox.telegram().sendText(supervisor, "/stats");
        sandbox.next(supervisor, before, WAIT, m -> m.buttonTexts().contains("Custom period"));
        sandbox.telegram().sendText(supervisor, "/cancel");
        sandbox.next(supervisor, before, WAIT, m -> m.plainText().equals("Statistics cancelled."));
        assertThat(Rows.query(db, "SELECT 1 FROM stats_dialogs WHERE telegram_user_id = ?", supervisor)).isEmpty();

        before = sandbox.count(supervisor);
        sandbox.telegram().sendText(supervisor, "/stats");
        sandbox.next(supervisor, before, WAIT, m -> m.buttonTexts().contains("Custom period"));
        sandbox.press(supervisor, "Custom period");
        sandbox.next(supervisor, before, WAIT, m -> m.plainText().startsWith("Type the first day"));
        Rows.update(db, "UPDATE stats_dialogs SET updated_at = now() - interval '1 hour' WHERE telegram_user_id = ?",
                supervisor);
        sandbox.telegram().sendText(supervisor, "01.03.2020");
        sandbox.next(supervisor, before, WAIT,
                m -> m.plainText().startsWith("The period choice was left open too long"));
        assertThat(Rows.query(db, "SELECT 1 FROM stats_dialogs WHERE telegram_user_id = ?", supervisor)).isEmpty();

        agent.on("GET", STATISTICS, (call, path) -> Answer.problem(ProblemType.FORBIDDEN, "Not a supervisor."));
        before = sandbox.count(supervisor);
        sandbox.telegram().sendText(supervisor, "/stats");
        sandbox.next(supervisor, before, WAIT, m -> m.buttonTexts().contains("Today"));
        sandbox.press(supervisor, "Today");
        sandbox.next(supervisor, before, WAIT, m -> m.plainText().equals("Not a supervisor."));
    }

    private void write(long employee, Instant enqueued, Written w) {
        boolean accepted = w.waitSeconds() != null;
        long id = (Long) Rows.query(db, "INSERT INTO consultation_requests (ticket_key, employee_telegram_user_id, "
                + "employee_id, priority, status, enqueued_at, updated_at, closed_at, closed_reason) VALUES "
                + "('ITS-9', ?, ?, 'HIGH', ?, ?, ?, ?, ?) RETURNING id", employee, "E" + employee, w.status(),
                ts(enqueued), ts(enqueued), ts(enqueued.plusSeconds(4000)), w.reason()).get(0).get("id");
        if (!accepted) {
            return;
        }
        Instant acceptedAt = enqueued.plusSeconds(w.waitSeconds());
        Rows.update(db, "INSERT INTO consultation_offers (consultation_id, specialist_employee_id, "
                + "specialist_telegram_user_id, sent_at, expires_at, outcome, answered_at) VALUES (?, ?, 77, ?, ?, "
                + "'ACCEPTED', ?)", id, w.specialist(), ts(enqueued), ts(acceptedAt.plusSeconds(60)), ts(acceptedAt));
        Rows.update(db, "INSERT INTO chat_sessions (ticket_key, employee_telegram_user_id, specialist_telegram_user_id,"
                + " status, started_at, last_message_at, ended_at, rating, consultation_id) VALUES ('ITS-9', ?, 77, "
                + "'ENDED', ?, ?, ?, ?, ?)", employee, ts(acceptedAt), ts(acceptedAt),
                ts(acceptedAt.plusSeconds(w.durationSeconds())), w.rating(), id);
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String minutes(long seconds) {
        return Math.round(seconds / 60.0) + " min";
    }

    private List<SentMessage> awaitFiles(long user, int before, String kind, int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<SentMessage> messages = sandbox.telegram().messagesTo(user);
            List<SentMessage> files = new ArrayList<>(messages.subList(Math.min(before, messages.size()),
                    messages.size()).stream().filter(m -> m.file() != null && m.file().kind().equals(kind)).toList());
            if (files.size() >= n) {
                return files;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("no " + n + " " + kind + " within " + WAIT);
    }

    private void awaitAudit(long user, String outcome) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Rows.auditOf(db, user).stream().noneMatch(a -> "STATISTICS_REQUESTED".equals(a.get("event_type"))
                && outcome.equals(a.get("outcome")))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no STATISTICS_REQUESTED " + outcome + " audited for " + user + ": "
                        + Rows.auditOf(db, user));
            }
            sleep(Duration.ofMillis(50));
        }
    }





    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
