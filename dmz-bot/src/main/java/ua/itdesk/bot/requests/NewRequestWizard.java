package ua.itdesk.bot.requests;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import ua.itdesk.bot.agent.AgentAnswer;
import ua.itdesk.bot.agent.RequestsClient;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.conversation.Command;
import ua.itdesk.bot.conversation.Html;
import ua.itdesk.bot.conversation.Incoming;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.conversation.Text;
import ua.itdesk.bot.menu.MenuFeature;
import ua.itdesk.bot.menu.MenuItem;
import ua.itdesk.bot.menu.Menus;
import ua.itdesk.bot.presence.AvailabilityToggle;
import ua.itdesk.bot.requests.DraftStore.Draft;
import ua.itdesk.bot.requests.WizardStateMachine.Transition;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.session.SessionView;
import ua.itdesk.contracts.v1.Category;
import ua.itdesk.contracts.v1.KnowledgeArticle;
import ua.itdesk.contracts.v1.NewRequest;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.RequestsApi;

/**
 * The new-request wizard (T1, T6): carries out what {@link WizardStateMachine} decides. Its state lives in
 * REQUEST_DRAFTS only, so any instance, or this one after a restart, continues where the person left off (R5).
 * While a draft is open, the wizard takes the person's messages, files, its own buttons and {@code /cancel},
 * {@code /menu}, {@code /start}; the main menu's buttons and the request views keep working beside it.
 */
@ApplicationScoped
public class NewRequestWizard implements MenuFeature {

    private static final Logger LOG = Logger.getLogger(NewRequestWizard.class);
    private static final int LABEL_LENGTH = 60;
    private static final int CONFIRM_DESCRIPTION = 300;

    private final AvailabilityToggle availability;
    private final DraftStore drafts;
    private final RequestOutbox outbox;
    private final RequestsClient agent;
    private final SessionStore sessions;
    private final MessageSender sender;
    private final AuditLog audit;
    private final BotConfig config;
    private final MeterRegistry metrics;

    NewRequestWizard(DraftStore drafts, RequestOutbox outbox, RequestsClient agent, SessionStore sessions,
            MessageSender sender, AuditLog audit, BotConfig config, MeterRegistry metrics,
            AvailabilityToggle availability) {
        this.availability = availability;
        this.drafts = drafts;
        this.outbox = outbox;
        this.agent = agent;
        this.sessions = sessions;
        this.sender = sender;
        this.audit = audit;
        this.config = config;
        this.metrics = metrics;
    }

    /** What one update carries through the steps of its handling. */
    private static final class Turn {
        final Incoming in;
        final SessionView session;
        final Language language;
        Draft draft;
        /** Why a file was refused (FILE_REFUSED). */
        String refusal;
        /** The category id or priority name of the pressed button. */
        String argument;
        /** What the knowledge base offered (FIND_ARTICLES). */
        List<KnowledgeArticle> articles;

        Turn(Incoming in, SessionView session, Draft draft) {
            this.in = in;
            this.session = session;
            this.language = Language.of(in.languageCode());
            this.draft = draft;
        }
    }

    @Override
    public boolean serves(MenuItem item) {
        return item == MenuItem.NEW_REQUEST;
    }

    @Override
    public void open(MenuItem item, Incoming in, SessionView session) {
        Optional<Draft> open = openDraft(in.userId(), session);
        if (open.isPresent()) {
            run(new Turn(in, session, open.get()), WizardEvent.RESUME);
            return;
        }
        Turn turn = new Turn(in, session, null);
        Optional<List<Category>> categories = categories(turn);
        if (categories.isEmpty()) {
            return;
        }
        Transition t = WizardStateMachine.begin();
        turn.draft = drafts.begin(in.userId(), in.chatId(), session.employeeId(), turn.language, t.next());
        showCategories(turn, categories.get());
    }

    @Override
    public Optional<Handled> intercept(Incoming in, SessionView session) {
        if (in.contact() != null) {
            return Optional.empty();
        }
        if (in.callback() != null) {
            String data = in.callback().data();
            if (data == null || !data.startsWith("w|")) {
                return Optional.empty();
            }
            return Optional.of(pressed(in, session));
        }
        Optional<Draft> open = openDraft(in.userId(), session);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Turn turn = new Turn(in, session, open.get());
        run(turn, classify(turn));
        return Optional.of(Handled.QUIETLY);
    }

    private Handled pressed(Incoming in, SessionView session) {
        Language language = Language.of(in.languageCode());
        Optional<RequestButtons.Press> press = RequestButtons.parse(in.callback().data());
        if (press.isEmpty() || !(press.get() instanceof RequestButtons.Wizard button)
                || !button.nonce().equals(session.callbackNonce())) {
            audit.record(AuditEvent.CALLBACK_REJECTED, AuditOutcome.REFUSED, in.userId(), session.employeeId(),
                    "wizard button data not bound to this session");
            return new Handled(RequestText.STALE_BUTTON.plain(language));
        }
        Optional<Draft> open = openDraft(in.userId(), session);
        if (open.isEmpty()) {
            // a button of a wizard that is over
            return new Handled(RequestText.STALE_BUTTON.plain(language));
        }
        Turn turn = new Turn(in, session, open.get());
        turn.argument = button.argument();
        run(turn, button.event());
        return Handled.QUIETLY;
    }

    /** The person's open draft; one left by another employee on this Telegram account is dropped. */
    private Optional<Draft> openDraft(long telegramUserId, SessionView session) {
        Optional<Draft> open = drafts.editing(telegramUserId);
        if (open.isPresent() && !open.get().employeeId().equals(session.employeeId())) {
            drafts.delete(open.get().id());
            return Optional.empty();
        }
        return open;
    }

    private WizardEvent classify(Turn turn) {
        Incoming in = turn.in;
        Optional<Command> command = in.commandName().flatMap(Command::named);
        if (command.isPresent()) {
            return switch (command.get()) {
                case CANCEL -> WizardEvent.CANCEL;
                case MENU, START -> WizardEvent.RESUME;
                default -> WizardEvent.OTHER;
            };
        }
        if (in.commandName().isPresent()) {
            return WizardEvent.OTHER;
        }
        if (in.file() != null) {
            turn.refusal = refusal(turn, in.file());
            return turn.refusal == null ? WizardEvent.FILE : WizardEvent.FILE_REFUSED;
        }
        if (in.text() == null || in.text().isBlank()) {
            return WizardEvent.OTHER;
        }
        if (turn.draft.state() == WizardState.ENTERING_SUMMARY && oneLine(in.text()).length() > NewRequest.MAX_SUMMARY) {
            return WizardEvent.TEXT_TOO_LONG;
        }
        return WizardEvent.TEXT;
    }

    /** Why a file cannot be taken, checked on arrival with what Telegram says about it; null when it can. */
    private String refusal(Turn turn, Incoming.SharedFile file) {
        if (turn.draft.files().size() >= config.requests().maxAttachments()) {
            return RequestText.TOO_MANY_FILES.in(turn.language, config.requests().maxAttachments());
        }
        if (file.size() != null && file.size() > RequestsApi.MAX_ATTACHMENT_BYTES) {
            return RequestText.FILE_TOO_LARGE.in(turn.language, nameOf(turn, file));
        }
        String type = file.mediaType();
        if (type == null || !RequestsApi.ATTACHMENT_TYPES.contains(type)) {
            return RequestText.FILE_TYPE_REFUSED.in(turn.language, type == null ? "?" : type);
        }
        return null;
    }

    private void run(Turn turn, WizardEvent event) {
        WizardState state = turn.draft.state();
        if (event != WizardEvent.CANCEL && expired(turn.draft)) {
            event = WizardEvent.EXPIRED;
        }
        Transition t = WizardStateMachine.on(state, event, turn.draft.descriptionRequired());
        LOG.debugf("user %d: wizard %s + %s -> %s (%s)", turn.in.userId(), state, event, t.next(), t.action());
        switch (t.action()) {
            case SHOW_STEP -> moveAndShow(turn, t.next());
            case SHOW_STEP_AGAIN -> {
                say(turn, RequestText.DRAFT_OPEN.in(turn.language));
                show(turn, state);
            }
            case SAVE_CATEGORY -> saveCategory(turn, t.next());
            case SAVE_PRIORITY -> {
                drafts.savePriority(turn.draft.id(), Priority.valueOf(turn.argument));
                moveAndShow(turn, t.next());
            }
            case SAVE_SUMMARY -> {
                drafts.saveSummary(turn.draft.id(), oneLine(turn.in.text()));
                moveAndShow(turn, t.next());
            }
            case SAVE_DESCRIPTION -> {
                drafts.saveDescription(turn.draft.id(), turn.in.text().strip());
                moveAndShow(turn, t.next());
            }
            case SKIP_DESCRIPTION -> {
                drafts.saveDescription(turn.draft.id(), null);
                moveAndShow(turn, t.next());
            }
            case ADD_FILE -> addFile(turn);
            case REFUSE_FILE -> send(turn, turn.refusal, stepButtons(turn, state));
            case REFUSE_TOO_LONG -> send(turn, RequestText.SUMMARY_TOO_LONG.in(turn.language,
                    oneLine(turn.in.text()).length()), stepButtons(turn, state));
            case REQUIRE_DESCRIPTION -> send(turn, RequestText.DESCRIPTION_REQUIRED.in(turn.language,
                    turn.draft.categoryName()), stepButtons(turn, state));
            case FIND_ARTICLES -> run(turn, findArticles(turn));
            case CLOSE_SOLVED -> solved(turn);
            case SUBMIT -> outbox.submit(turn.draft.id());
            case CANCEL -> close(turn, RequestText.CANCELLED);
            case LEAVE -> close(turn, null);
            case EXPIRE -> close(turn, RequestText.EXPIRED);
            case REMIND -> {
                say(turn, reminder(state).in(turn.language));
                show(turn, state);
            }
            case STALE_BUTTON -> {
                say(turn, RequestText.STALE_BUTTON.in(turn.language));
                show(turn, state);
            }
        }
    }

    private boolean expired(Draft d) {
        return d.updatedAt().plus(config.session().idleTimeout()).isBefore(Instant.now());
    }

    /** The state is saved before anything is said, so whatever the person sees is already true. */
    private void moveAndShow(Turn turn, WizardState next) {
        drafts.moveTo(turn.draft.id(), next);
        turn.draft = drafts.find(turn.draft.id()).orElseThrow();
        show(turn, next);
    }

    private void show(Turn turn, WizardState state) {
        switch (state) {
            case CHOOSING_CATEGORY -> categories(turn).ifPresent(list -> showCategories(turn, list));
            case CHOOSING_PRIORITY -> send(turn, step(turn, state) + RequestText.ASK_PRIORITY.in(turn.language),
                    stepButtons(turn, state));
            case ENTERING_SUMMARY -> send(turn, step(turn, state) + RequestText.ASK_SUMMARY.in(turn.language),
                    stepButtons(turn, state));
            case ENTERING_DESCRIPTION -> send(turn, step(turn, state) + (turn.draft.descriptionRequired()
                    ? RequestText.ASK_DESCRIPTION_REQUIRED.in(turn.language, turn.draft.categoryName())
                    : RequestText.ASK_DESCRIPTION.in(turn.language)), stepButtons(turn, state));
            case ADDING_ATTACHMENTS -> send(turn, step(turn, state) + RequestText.ASK_ATTACHMENTS.in(turn.language,
                    config.requests().maxAttachments()), stepButtons(turn, state));
            case REVIEWING_ARTICLES -> showArticles(turn);
            case CONFIRMING -> showConfirmation(turn);
            case CLOSED -> throw new IllegalStateException("a closed wizard has no step");
        }
    }

    private void showCategories(Turn turn, List<Category> categories) {
        String nonce = turn.session.callbackNonce();
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        for (Category c : categories) {
            rows.add(List.of(new Keyboard.Button(RequestViews.shorten(c.name(), LABEL_LENGTH),
                    RequestButtons.category(c.id(), nonce))));
        }
        rows.add(backAndCancel(turn));
        send(turn, step(turn, WizardState.CHOOSING_CATEGORY) + RequestText.ASK_CATEGORY.in(turn.language),
                new Keyboard.Inline(rows));
    }

    private void showArticles(Turn turn) {
        List<KnowledgeArticle> articles = turn.articles != null ? turn.articles : knowledge(turn);
        StringBuilder text = new StringBuilder(step(turn, WizardState.REVIEWING_ARTICLES))
                .append(RequestText.ARTICLES.in(turn.language));
        int n = 0;
        for (KnowledgeArticle a : articles) {
            text.append("\n\n").append(++n).append(". ");
            text.append(a.url() == null ? "<b>" + Html.escape(a.title()) + "</b>"
                    : "<a href=\"" + Html.escape(a.url()) + "\">" + Html.escape(a.title()) + "</a>");
            if (a.excerpt() != null && !a.excerpt().isBlank()) {
                text.append('\n').append(Html.escape(RequestViews.shorten(a.excerpt(), 300)));
            }
        }
        text.append("\n\n").append(RequestText.ARTICLES_QUESTION.in(turn.language));
        send(turn, text.toString(), stepButtons(turn, WizardState.REVIEWING_ARTICLES));
    }

    private void showConfirmation(Turn turn) {
        Draft d = turn.draft;
        String description = d.description() == null ? RequestText.NO_DESCRIPTION.plain(turn.language)
                : RequestViews.shorten(d.description(), CONFIRM_DESCRIPTION);
        String files = d.files().isEmpty() ? RequestText.NO_DESCRIPTION.plain(turn.language)
                : String.join(", ", d.files().stream().map(DraftStore.File::name).toList());
        send(turn, RequestText.CONFIRM.in(turn.language, d.categoryName(),
                RequestText.of(d.priority()).plain(turn.language), d.summary(), description, files),
                stepButtons(turn, WizardState.CONFIRMING));
    }

    /** The buttons of a step, Back and Cancel always last. */
    private Keyboard stepButtons(Turn turn, WizardState state) {
        String nonce = turn.session.callbackNonce();
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        switch (state) {
            case CHOOSING_PRIORITY -> {
                for (Priority p : Priority.values()) {
                    rows.add(List.of(new Keyboard.Button(RequestText.of(p).plain(turn.language),
                            RequestButtons.priority(p, nonce))));
                }
            }
            case ENTERING_DESCRIPTION -> {
                if (!turn.draft.descriptionRequired()) {
                    rows.add(List.of(button(turn, RequestText.BUTTON_SKIP, WizardEvent.SKIP)));
                }
            }
            case ADDING_ATTACHMENTS -> rows.add(List.of(button(turn, RequestText.BUTTON_DONE, WizardEvent.DONE)));
            case REVIEWING_ARTICLES -> {
                rows.add(List.of(button(turn, RequestText.BUTTON_SOLVED, WizardEvent.SOLVED)));
                rows.add(List.of(button(turn, RequestText.BUTTON_CONTINUE, WizardEvent.NOT_SOLVED)));
            }
            case CONFIRMING -> rows.add(List.of(button(turn, RequestText.BUTTON_CONFIRM, WizardEvent.CONFIRM)));
            default -> {
                // the other steps take a typed answer or have their own buttons
            }
        }
        rows.add(backAndCancel(turn));
        return new Keyboard.Inline(rows);
    }

    private List<Keyboard.Button> backAndCancel(Turn turn) {
        return List.of(button(turn, RequestText.BUTTON_BACK, WizardEvent.BACK),
                button(turn, RequestText.BUTTON_CANCEL, WizardEvent.CANCEL));
    }

    private Keyboard.Button button(Turn turn, RequestText label, WizardEvent event) {
        return new Keyboard.Button(label.plain(turn.language),
                RequestButtons.wizard(event, turn.session.callbackNonce()));
    }

    private String step(Turn turn, WizardState state) {
        return RequestText.STEP.in(turn.language, state.step(), WizardState.STEPS);
    }

    private void saveCategory(Turn turn, WizardState next) {
        Optional<List<Category>> categories = categories(turn);
        if (categories.isEmpty()) {
            return;
        }
        Optional<Category> chosen = categories.get().stream().filter(c -> c.id().equals(turn.argument)).findFirst();
        if (chosen.isEmpty()) {
            // the service desk no longer has it: show the current list
            say(turn, RequestText.STALE_BUTTON.in(turn.language));
            showCategories(turn, categories.get());
            return;
        }
        drafts.saveCategory(turn.draft.id(), chosen.get());
        moveAndShow(turn, next);
    }

    private void addFile(Turn turn) {
        Incoming.SharedFile file = turn.in.file();
        String name = nameOf(turn, file);
        int count = drafts.addFile(turn.draft.id(), file.fileId(), name, file.mediaType(), file.size());
        send(turn, RequestText.FILE_ADDED.in(turn.language, name, count, config.requests().maxAttachments()),
                stepButtons(turn, WizardState.ADDING_ATTACHMENTS));
    }

    private WizardEvent findArticles(Turn turn) {
        turn.articles = knowledge(turn);
        return turn.articles.isEmpty() ? WizardEvent.NO_ARTICLES : WizardEvent.ARTICLES_FOUND;
    }

    /** Articles for the summary; none when the knowledge base cannot be asked (the request must not wait for it). */
    private List<KnowledgeArticle> knowledge(Turn turn) {
        Optional<String> token = sessions.token(turn.in.userId());
        if (token.isEmpty() || turn.draft.summary() == null) {
            return List.of();
        }
        AgentAnswer<List<KnowledgeArticle>> answer = agent.knowledge(token.get(), turn.draft.summary());
        if (answer instanceof AgentAnswer.Ok<List<KnowledgeArticle>> ok) {
            return ok.value().stream().filter(a -> a.title() != null).limit(RequestsApi.MAX_ARTICLES).toList();
        }
        LOG.infof("knowledge base not asked for user %d: %s", turn.in.userId(), answer);
        return List.of();
    }

    private void solved(Turn turn) {
        drafts.delete(turn.draft.id());
        audit.record(AuditEvent.REQUEST_SOLVED_BY_ARTICLE, AuditOutcome.SUCCESS, turn.in.userId(),
                turn.session.employeeId(), "category " + turn.draft.categoryId());
        metrics.counter("bot.requests.solved_by_article").increment();
        say(turn, RequestText.SOLVED.in(turn.language));
        showMenu(turn);
    }

    private void close(Turn turn, Text notice) {
        drafts.delete(turn.draft.id());
        if (notice != null) {
            say(turn, notice.in(turn.language));
        }
        showMenu(turn);
    }

    /** The categories, or empty after telling the person why there are none. */
    private Optional<List<Category>> categories(Turn turn) {
        Optional<String> token = sessions.token(turn.in.userId());
        AgentAnswer<List<Category>> answer = token.isEmpty() ? new AgentAnswer.Unauthenticated<>()
                : agent.categories(token.get());
        if (answer instanceof AgentAnswer.Ok<List<Category>> ok && !ok.value().isEmpty()) {
            return Optional.of(ok.value());
        }
        Text why = answer instanceof AgentAnswer.Ok<?> ? RequestText.NO_CATEGORIES
                : answer instanceof AgentAnswer.Unauthenticated<?> ? RequestText.SESSION_INVALID
                : RequestText.UNAVAILABLE;
        send(turn, why.in(turn.language), turn.draft == null ? Keyboard.UNCHANGED
                : new Keyboard.Inline(List.of(backAndCancel(turn))));
        return Optional.empty();
    }

    private static Text reminder(WizardState state) {
        return switch (state) {
            case ENTERING_SUMMARY, ENTERING_DESCRIPTION -> RequestText.REMIND_TEXT;
            case ADDING_ATTACHMENTS -> RequestText.REMIND_FILES;
            default -> RequestText.REMIND_BUTTONS;
        };
    }

    /** A document's own name; photos and voice notes have none, so they are numbered in the order sent. */
    private static String nameOf(Turn turn, Incoming.SharedFile file) {
        if (file.fileName() != null && !file.fileName().isBlank()) {
            return file.fileName().strip();
        }
        int n = turn.draft.files().size() + 1;
        return switch (file.kind()) {
            case PHOTO -> "photo_" + n + ".jpg";
            case VOICE -> "voice_" + n + ".ogg";
            case DOCUMENT -> "file_" + n;
        };
    }

    /** Summaries are one line (S4): line breaks and runs of spaces become one space. */
    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private void showMenu(Turn turn) {
        sender.send(Menus.mainMenu(turn.in.chatId(), turn.session.role(), turn.session.callbackNonce(),
                turn.language, availability.isOnline(turn.session.employeeId())));
    }

    private void say(Turn turn, String html) {
        send(turn, html, Keyboard.UNCHANGED);
    }

    private void send(Turn turn, String html, Keyboard keyboard) {
        sender.send(new OutgoingMessage(turn.in.chatId(), html, keyboard));
    }
}
