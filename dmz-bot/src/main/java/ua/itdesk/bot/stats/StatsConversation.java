package ua.itdesk.bot.stats;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import ua.itdesk.bot.agent.AgentAnswer;
import ua.itdesk.bot.agent.StatisticsClient;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.conversation.Command;
import ua.itdesk.bot.conversation.FileKind;
import ua.itdesk.bot.conversation.Incoming;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.conversation.OutgoingUpload;
import ua.itdesk.bot.menu.MenuFeature;
import ua.itdesk.bot.menu.MenuItem;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.session.SessionView;
import ua.itdesk.bot.stats.StatsStateMachine.Transition;
import ua.itdesk.contracts.v1.RequestStatistics;
import ua.itdesk.contracts.v1.Role;

/**
 * {@code /stats} and the menu's "Statistics" (M1): carries out what {@link StatsStateMachine} decides. Supervisors
 * only, by the role the agent gave the session (from AD groups); anyone else who sends {@code /stats} is told so
 * and the refusal is audited, and the agent refuses them too. The picker's state lives in STATS_DIALOGS, so any
 * instance continues it; one idle longer than {@code bot.stats.dialog-timeout} is closed on the next update.
 *
 * <p>The report: the request facts from the agent (Jira), the consultations, ratings and deflections from this
 * database ({@link DmzFigures}), as a summary message, two charts (sendPhoto) and a CSV (sendDocument).
 */
@ApplicationScoped
public class StatsConversation implements MenuFeature {

    private static final Logger LOG = Logger.getLogger(StatsConversation.class);
    private static final java.time.format.DateTimeFormatter TYPED = java.time.format.DateTimeFormatter
            .ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT);

    private final StatsDialogStore dialogs;
    private final StatisticsClient agent;
    private final DmzFigures dmz;
    private final SessionStore sessions;
    private final MessageSender sender;
    private final AuditLog audit;
    private final BotConfig.Stats config;
    private final MeterRegistry metrics;
    private final Clock clock;

    StatsConversation(StatsDialogStore dialogs, StatisticsClient agent, DmzFigures dmz, SessionStore sessions,
            MessageSender sender, AuditLog audit, BotConfig config, MeterRegistry metrics) {
        this.dialogs = dialogs;
        this.agent = agent;
        this.dmz = dmz;
        this.sessions = sessions;
        this.sender = sender;
        this.audit = audit;
        this.config = config.stats();
        this.metrics = metrics;
        this.clock = Clock.system(this.config.timeZone());
    }

    /** One update on its way through the picker. */
    private static final class Turn {
        final Incoming in;
        final SessionView session;
        final Language language;
        StatsDialogStore.Dialog dialog;
        /** The date typed (DATE), or why it was refused (DATE_REFUSED). */
        LocalDate date;
        String refusal;

        Turn(Incoming in, SessionView session, StatsDialogStore.Dialog dialog) {
            this.in = in;
            this.session = session;
            this.language = Language.of(in.languageCode());
            this.dialog = dialog;
        }

        StatsState state() {
            return dialog == null ? StatsState.CHOOSING_PERIOD : dialog.state();
        }
    }

    @Override
    public boolean serves(MenuItem item) {
        return item == MenuItem.STATISTICS;
    }

    @Override
    public void open(MenuItem item, Incoming in, SessionView session) {
        start(new Turn(in, session, openDialog(in.userId(), session).orElse(null)));
    }

    @Override
    public Optional<Handled> intercept(Incoming in, SessionView session) {
        if (in.callback() != null) {
            return StatsButtons.isOurs(in.callback().data()) ? Optional.of(pressed(in, session)) : Optional.empty();
        }
        Optional<Command> command = in.commandName().flatMap(Command::named);
        if (command.isPresent() && command.get() == Command.STATS) {
            start(new Turn(in, session, openDialog(in.userId(), session).orElse(null)));
            return Optional.of(Handled.QUIETLY);
        }
        Optional<StatsDialogStore.Dialog> open = openDialog(in.userId(), session);
        if (open.isEmpty() || in.contact() != null) {
            return Optional.empty();
        }
        Turn turn = new Turn(in, session, open.get());
        run(turn, classify(turn));
        return Optional.of(Handled.QUIETLY);
    }

    private void start(Turn turn) {
        if (turn.session.role() != Role.SUPERVISOR) {
            audit.record(AuditEvent.STATISTICS_REQUESTED, AuditOutcome.REFUSED, turn.in.userId(),
                    turn.session.employeeId(), "not a supervisor: " + turn.session.role());
            metrics.counter("bot.stats.refused").increment();
            say(turn, StatsText.SUPERVISORS_ONLY.in(turn.language), Keyboard.UNCHANGED);
            return;
        }
        if (turn.dialog != null) {
            run(turn, StatsEvent.RESUME);
            return;
        }
        Transition t = StatsStateMachine.begin();
        dialogs.save(turn.in.userId(), turn.session.employeeId(), t.next(), null);
        showStep(turn, t.next());
    }

    private Handled pressed(Incoming in, SessionView session) {
        Language language = Language.of(in.languageCode());
        Optional<StatsButtons.Press> press = StatsButtons.parse(in.callback().data());
        if (press.isEmpty() || !press.get().nonce().equals(session.callbackNonce())) {
            audit.record(AuditEvent.CALLBACK_REJECTED, AuditOutcome.REFUSED, in.userId(), session.employeeId(),
                    "statistics button data not bound to this session");
            return new Handled(StatsText.STALE_BUTTON.plain(language));
        }
        Optional<StatsDialogStore.Dialog> open = openDialog(in.userId(), session);
        if (open.isEmpty()) {
            return new Handled(StatsText.STALE_BUTTON.plain(language));
        }
        run(new Turn(in, session, open.get()), press.get().event());
        return Handled.QUIETLY;
    }

    /**
     * The person's open picker: dropped when another employee left it on this Telegram account or the person is no
     * longer a supervisor; expired ones are handed on as such (the next event is EXPIRED).
     */
    private Optional<StatsDialogStore.Dialog> openDialog(long telegramUserId, SessionView session) {
        Optional<StatsDialogStore.Dialog> open = dialogs.find(telegramUserId);
        if (open.isPresent() && (!open.get().employeeId().equals(session.employeeId())
                || session.role() != Role.SUPERVISOR)) {
            dialogs.delete(telegramUserId);
            return Optional.empty();
        }
        return open;
    }

    private boolean expired(StatsDialogStore.Dialog dialog) {
        return dialog.updatedAt().plus(config.dialogTimeout()).isBefore(Instant.now());
    }

    private StatsEvent classify(Turn turn) {
        if (expired(turn.dialog)) {
            return StatsEvent.EXPIRED;
        }
        Optional<Command> command = turn.in.commandName().flatMap(Command::named);
        if (command.isPresent()) {
            return switch (command.get()) {
                case CANCEL -> StatsEvent.CANCEL;
                case MENU, START -> StatsEvent.RESUME;
                default -> StatsEvent.OTHER;
            };
        }
        String text = turn.in.text();
        if (turn.in.commandName().isPresent() || turn.in.file() != null || text == null || text.isBlank()) {
            return StatsEvent.OTHER;
        }
        LocalDate today = LocalDate.now(clock);
        String example = StatsSummary.DAY.format(today);
        LocalDate date;
        try {
            date = parse(text.strip());
        } catch (DateTimeParseException e) {
            turn.refusal = StatsText.NOT_A_DATE.in(turn.language, shorten(text.strip()), example);
            return StatsEvent.DATE_REFUSED;
        }
        String day = StatsSummary.DAY.format(date);
        if (date.isAfter(today)) {
            turn.refusal = StatsText.DATE_IN_FUTURE.in(turn.language, day, example);
            return StatsEvent.DATE_REFUSED;
        }
        LocalDate from = turn.dialog.from();
        if (turn.dialog.state() == StatsState.ENTERING_TO && from != null) {
            String first = StatsSummary.DAY.format(from);
            if (date.isBefore(from)) {
                turn.refusal = StatsText.DATE_BEFORE_FROM.in(turn.language, day, first, first);
                return StatsEvent.DATE_REFUSED;
            }
            if (java.time.temporal.ChronoUnit.DAYS.between(from, date) + 1 > config.maxDays()) {
                turn.refusal = StatsText.PERIOD_TOO_LONG.in(turn.language, first, day, config.maxDays(),
                        StatsSummary.DAY.format(from.plusDays(config.maxDays() - 1L)));
                return StatsEvent.DATE_REFUSED;
            }
        }
        turn.date = date;
        return StatsEvent.DATE;
    }

    /** {@code 31.05.2026} (also 1.5.2026) or ISO {@code 2026-05-31}. */
    static LocalDate parse(String text) {
        return text.contains("-") ? LocalDate.parse(text) : LocalDate.parse(text, TYPED);
    }

    private static String shorten(String text) {
        return text.length() <= 30 ? text : text.substring(0, 30) + "…";
    }

    private void run(Turn turn, StatsEvent event) {
        Transition t = StatsStateMachine.on(turn.state(), event);
        long user = turn.in.userId();
        LOG.debugf("user %d: stats %s + %s -> %s / %s", user, turn.state(), event, t.next(), t.action());
        switch (t.action()) {
            case SHOW_STEP -> {
                dialogs.save(user, turn.session.employeeId(), t.next(), null);
                showStep(turn, t.next());
            }
            case SHOW_STEP_AGAIN -> {
                say(turn, StatsText.STILL_OPEN.in(turn.language), Keyboard.UNCHANGED);
                showStep(turn, t.next());
            }
            case SAVE_FROM -> {
                dialogs.save(user, turn.session.employeeId(), t.next(), turn.date);
                turn.dialog = new StatsDialogStore.Dialog(user, turn.session.employeeId(), t.next(), turn.date,
                        Instant.now());
                showStep(turn, t.next());
            }
            case REFUSE_DATE -> {
                dialogs.save(user, turn.session.employeeId(), t.next(), turn.dialog.from());
                say(turn, turn.refusal, StatsButtons.cancelOnly(turn.session.callbackNonce(), turn.language));
            }
            case REMIND -> {
                dialogs.save(user, turn.session.employeeId(), t.next(), turn.dialog.from());
                if (t.next() == StatsState.CHOOSING_PERIOD) {
                    say(turn, StatsText.REMIND_BUTTONS.in(turn.language), Keyboard.UNCHANGED);
                }
                showStep(turn, t.next());
            }
            case CANCEL -> {
                dialogs.delete(user);
                say(turn, StatsText.CANCELLED.in(turn.language), Keyboard.UNCHANGED);
            }
            case EXPIRE -> {
                dialogs.delete(user);
                say(turn, StatsText.EXPIRED.in(turn.language), Keyboard.UNCHANGED);
            }
            case REPORT -> {
                dialogs.delete(user);
                report(turn, period(turn, event));
            }
        }
    }

    private StatsPeriod period(Turn turn, StatsEvent event) {
        LocalDate today = LocalDate.now(clock);
        return switch (event) {
            case TODAY -> StatsPeriod.lastDays(1, today, config.timeZone());
            case LAST_7_DAYS -> StatsPeriod.lastDays(7, today, config.timeZone());
            case LAST_30_DAYS -> StatsPeriod.lastDays(30, today, config.timeZone());
            case DATE -> new StatsPeriod(turn.dialog.from(), turn.date, config.timeZone());
            default -> throw new IllegalStateException("no period for " + event);
        };
    }

    private void showStep(Turn turn, StatsState state) {
        String nonce = turn.session.callbackNonce();
        String example = StatsSummary.DAY.format(LocalDate.now(clock).minusDays(6));
        switch (state) {
            case CHOOSING_PERIOD -> say(turn, StatsText.PICK_PERIOD.in(turn.language),
                    StatsButtons.picker(nonce, turn.language));
            case ENTERING_FROM -> say(turn, StatsText.ASK_FROM.in(turn.language, example),
                    StatsButtons.cancelOnly(nonce, turn.language));
            case ENTERING_TO -> say(turn, StatsText.ASK_TO.in(turn.language,
                    StatsSummary.DAY.format(turn.dialog.from()), StatsSummary.DAY.format(LocalDate.now(clock))),
                    StatsButtons.cancelOnly(nonce, turn.language));
            case CLOSED -> throw new IllegalStateException("a closed picker has no step");
        }
    }

    /** Reads both sources and sends the summary, the two charts and the CSV. */
    private void report(Turn turn, StatsPeriod period) {
        long user = turn.in.userId();
        Optional<String> token = sessions.token(user);
        if (token.isEmpty()) {
            say(turn, StatsText.UNAVAILABLE.in(turn.language), Keyboard.UNCHANGED);
            return;
        }
        say(turn, StatsText.READING.in(turn.language, StatsSummary.DAY.format(period.from()),
                StatsSummary.DAY.format(period.to())), Keyboard.UNCHANGED);
        Timer.Sample started = Timer.start(metrics);
        AgentAnswer<RequestStatistics> answer = agent.requests(token.get(), period.from(), period.to(),
                config.timeZone());
        if (!(answer instanceof AgentAnswer.Ok<RequestStatistics> ok)) {
            AuditOutcome outcome = answer instanceof AgentAnswer.Unavailable<?> ? AuditOutcome.UNAVAILABLE
                    : AuditOutcome.REFUSED;
            audit.record(AuditEvent.STATISTICS_REQUESTED, outcome, user, turn.session.employeeId(),
                    period.from() + ".." + period.to() + ": " + answer.getClass().getSimpleName());
            say(turn, answer instanceof AgentAnswer.Refused<?> refused && refused.detail() != null
                    ? ua.itdesk.bot.conversation.Html.escape(refused.detail())
                    : answer instanceof AgentAnswer.Refused<?> || answer instanceof AgentAnswer.Unauthenticated<?>
                            ? StatsText.SUPERVISORS_ONLY.in(turn.language)
                            : StatsText.UNAVAILABLE.in(turn.language), Keyboard.UNCHANGED);
            return;
        }
        RequestStatistics requests = ok.value();
        List<DmzFigures.Consultation> consultations = dmz.consultations(period.start(), period.end());
        int deflections = dmz.deflections(period.start(), period.end());
        StatsSummary.Consultations figures = StatsSummary.consultations(consultations);
        long chat = turn.in.chatId();
        say(turn, StatsSummary.text(period, requests, figures, deflections, turn.language), Keyboard.UNCHANGED);
        String name = "stats-" + period.from() + "_" + period.to();
        sender.sendUpload(new OutgoingUpload(chat, FileKind.PHOTO, name + "-requests.png", "image/png",
                StatsCharts.requestsPerDay(period, requests, turn.language),
                StatsText.CHART_REQUESTS.in(turn.language)));
        sender.sendUpload(new OutgoingUpload(chat, FileKind.PHOTO, name + "-response-times.png", "image/png",
                StatsCharts.responseTimes(requests, consultations, turn.language),
                StatsText.CHART_TIMES.in(turn.language)));
        sender.sendUpload(new OutgoingUpload(chat, FileKind.DOCUMENT, name + ".csv", "text/csv",
                StatsCsv.write(requests, consultations), StatsText.CSV_CAPTION.in(turn.language)));
        started.stop(metrics.timer("bot.stats.reports"));
        audit.record(AuditEvent.STATISTICS_REQUESTED, AuditOutcome.SUCCESS, user, turn.session.employeeId(),
                period.from() + ".." + period.to() + ": " + requests.created() + " requests, "
                        + consultations.size() + " consultations, " + requests.jiraCalls() + " Jira calls");
    }

    private void say(Turn turn, String html, Keyboard keyboard) {
        sender.send(new OutgoingMessage(turn.in.chatId(), html, keyboard));
    }
}
