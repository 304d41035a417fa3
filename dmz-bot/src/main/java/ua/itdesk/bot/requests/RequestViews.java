package ua.itdesk.bot.requests;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ua.itdesk.bot.agent.AgentAnswer;
import ua.itdesk.bot.agent.RequestsClient;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.consultation.Consultations;
import ua.itdesk.bot.conversation.Incoming;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.menu.MenuFeature;
import ua.itdesk.bot.menu.MenuItem;
import ua.itdesk.bot.menu.MenuText;
import ua.itdesk.bot.requests.TicketsCache.Relation;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.session.SessionView;
import ua.itdesk.contracts.v1.PublicComment;
import ua.itdesk.contracts.v1.RequestDetail;
import ua.itdesk.contracts.v1.RequestPage;
import ua.itdesk.contracts.v1.RequestSummary;

/**
 * "My requests" and "assigned to me" (T4): pages of TICKETS_CACHE while the list is fresh, otherwise fetched from
 * the agent into the cache first; the detail view of one request is fetched live and never stored (Z4).
 */
@ApplicationScoped
public class RequestViews implements MenuFeature {

    /** Times are shown as the company's people read them. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Europe/Kyiv"));
    private static final int LABEL_SUMMARY = 40;
    private static final int DESCRIPTION_EXCERPT = 600;
    private static final int COMMENT_EXCERPT = 300;
    private static final int COMMENTS_SHOWN = 3;
    private static final int NAME_LENGTH = 100;

    private final RequestsClient agent;
    private final TicketsCache cache;
    private final SessionStore sessions;
    private final MessageSender sender;
    private final AuditLog audit;
    private final BotConfig config;

    RequestViews(RequestsClient agent, TicketsCache cache, SessionStore sessions, MessageSender sender,
            AuditLog audit, BotConfig config) {
        this.agent = agent;
        this.cache = cache;
        this.sessions = sessions;
        this.sender = sender;
        this.audit = audit;
        this.config = config;
    }

    @Override
    public boolean serves(MenuItem item) {
        return item == MenuItem.MY_REQUESTS || item == MenuItem.ASSIGNED_REQUESTS;
    }

    @Override
    public void open(MenuItem item, Incoming in, SessionView session) {
        showList(in, session, item == MenuItem.MY_REQUESTS ? Relation.REPORTER : Relation.ASSIGNEE, 0);
    }

    @Override
    public Optional<Handled> intercept(Incoming in, SessionView session) {
        if (in.callback() == null || in.callback().data() == null || !in.callback().data().startsWith("rq|")) {
            return Optional.empty();
        }
        Language language = Language.of(in.languageCode());
        RequestButtons.Press press = RequestButtons.parse(in.callback().data()).orElseThrow();
        if (press instanceof RequestButtons.Detail detail) {
            showDetail(in, session, detail.issueKey());
            return Optional.of(Handled.QUIETLY);
        }
        if (press instanceof RequestButtons.ListPage page && page.nonce().equals(session.callbackNonce())) {
            showList(in, session, page.relation(), page.page());
            return Optional.of(Handled.QUIETLY);
        }
        audit.record(AuditEvent.CALLBACK_REJECTED, AuditOutcome.REFUSED, in.userId(), session.employeeId(),
                "request button data not bound to this session");
        return Optional.of(new Handled(MenuText.STALE.plain(language)));
    }

    private void showList(Incoming in, SessionView s, Relation relation, int page) {
        Language language = Language.of(in.languageCode());
        if (relation == Relation.ASSIGNEE && (s.role() == null || !s.role().handlesRequests())) {
            send(in, RequestText.ONLY_SPECIALISTS.in(language), Keyboard.UNCHANGED);
            return;
        }
        String owner = s.employeeId();
        if (!cache.fresh(owner, relation, config.requests().cacheTtl())) {
            Optional<String> problem = refresh(in, s, relation, language);
            if (problem.isPresent()) {
                send(in, problem.get(), Keyboard.UNCHANGED);
                return;
            }
        }
        long total = cache.count(owner, relation);
        if (total == 0) {
            send(in, (relation == Relation.REPORTER ? RequestText.EMPTY_MINE : RequestText.EMPTY_ASSIGNED)
                    .in(language), Keyboard.UNCHANGED);
            return;
        }
        int size = config.requests().pageSize();
        int shown = (int) Math.min(page, (total - 1) / size);
        List<TicketsCache.Row> rows = cache.page(owner, relation, shown * size, size);
        StringBuilder text = new StringBuilder((relation == Relation.REPORTER ? RequestText.LIST_MINE
                : RequestText.LIST_ASSIGNED).in(language, shown * size + 1, shown * size + rows.size(), total));
        List<List<Keyboard.Button>> buttons = new ArrayList<>();
        for (TicketsCache.Row row : rows) {
            text.append("\n\n").append(RequestText.LIST_LINE.in(language, row.key(), row.status(),
                    RequestText.of(row.priority()).plain(language), row.summary()));
            buttons.add(List.of(new Keyboard.Button(row.key() + " · " + shorten(row.summary(), LABEL_SUMMARY),
                    RequestButtons.detail(row.key()))));
        }
        List<Keyboard.Button> navigation = new ArrayList<>();
        if (shown > 0) {
            navigation.add(new Keyboard.Button(RequestText.BUTTON_PREVIOUS.plain(language),
                    RequestButtons.page(relation, shown - 1, s.callbackNonce())));
        }
        if ((long) (shown + 1) * size < total) {
            navigation.add(new Keyboard.Button(RequestText.BUTTON_NEXT.plain(language),
                    RequestButtons.page(relation, shown + 1, s.callbackNonce())));
        }
        if (!navigation.isEmpty()) {
            buttons.add(navigation);
        }
        send(in, text.toString(), new Keyboard.Inline(buttons));
    }

    /** Fetches the newest {@code list-limit} requests into the cache; returns what to tell the person on failure. */
    private Optional<String> refresh(Incoming in, SessionView s, Relation relation, Language language) {
        Optional<String> token = sessions.token(in.userId());
        if (token.isEmpty()) {
            return Optional.of(RequestText.SESSION_INVALID.in(language));
        }
        List<RequestSummary> fetched = new ArrayList<>();
        String cursor = null;
        do {
            AgentAnswer<RequestPage> answer = relation == Relation.REPORTER ? agent.mine(token.get(), cursor)
                    : agent.assigned(token.get(), cursor);
            if (!(answer instanceof AgentAnswer.Ok<RequestPage> ok)) {
                return Optional.of(problemText(answer, language, s.role() != null && s.role().handlesRequests()));
            }
            fetched.addAll(ok.value().items());
            cursor = ok.value().nextCursor();
        } while (cursor != null && fetched.size() < config.requests().listLimit());
        cache.replace(s.employeeId(), relation,
                fetched.subList(0, Math.min(fetched.size(), config.requests().listLimit())));
        return Optional.empty();
    }

    private void showDetail(Incoming in, SessionView s, String issueKey) {
        Language language = Language.of(in.languageCode());
        Optional<String> token = sessions.token(in.userId());
        if (token.isEmpty()) {
            send(in, RequestText.SESSION_INVALID.in(language), Keyboard.UNCHANGED);
            return;
        }
        AgentAnswer<RequestDetail> answer = agent.detail(token.get(), issueKey);
        if (answer instanceof AgentAnswer.Ok<RequestDetail> ok) {
            Relation back = s.role() != null && s.role().handlesRequests() ? Relation.ASSIGNEE : Relation.REPORTER;
            List<List<Keyboard.Button>> buttons = new ArrayList<>();
            if (back == Relation.REPORTER) {
                // an employee sees only their own requests here; whether it is still open the press finds out
                buttons.add(List.of(Consultations.contactButton(issueKey, language)));
            }
            buttons.add(List.of(new Keyboard.Button(RequestText.BUTTON_BACK.plain(language),
                    RequestButtons.page(back, 0, s.callbackNonce()))));
            send(in, detailText(ok.value(), language), new Keyboard.Inline(buttons));
            return;
        }
        if (answer instanceof AgentAnswer.NotFound<RequestDetail> || answer instanceof AgentAnswer.Refused<?>) {
            audit.record(AuditEvent.REQUEST_NOT_FOUND, AuditOutcome.REFUSED, in.userId(), s.employeeId(),
                    "detail of " + issueKey + ": the agent answered not found");
            send(in, RequestText.NOT_FOUND.in(language, issueKey), Keyboard.UNCHANGED);
            return;
        }
        send(in, problemText(answer, language, true), Keyboard.UNCHANGED);
    }

    static String detailText(RequestDetail d, Language language) {
        StringBuilder text = new StringBuilder(RequestText.DETAIL.in(language, d.key(), d.summary(), d.status(),
                RequestText.of(d.priority()).plain(language),
                d.assigneeName() == null ? RequestText.UNASSIGNED.plain(language)
                        : shorten(d.assigneeName(), NAME_LENGTH),
                d.created() == null ? "" : WHEN.format(d.created())));
        if (d.webLink() != null) {
            text.append('\n').append(RequestText.LINK.in(language, d.webLink()));
        }
        if (d.description() != null && !d.description().isBlank()) {
            text.append(RequestText.DETAIL_DESCRIPTION.in(language, shorten(d.description(), DESCRIPTION_EXCERPT)));
        }
        List<PublicComment> comments = d.comments();
        if (!comments.isEmpty()) {
            text.append(RequestText.DETAIL_COMMENTS.in(language));
            for (PublicComment c : comments.subList(Math.max(0, comments.size() - COMMENTS_SHOWN), comments.size())) {
                text.append(RequestText.DETAIL_COMMENT.in(language, shorten(c.author(), NAME_LENGTH),
                        c.created() == null ? "" : WHEN.format(c.created()), shorten(c.body(), COMMENT_EXCERPT)));
            }
        }
        return text.toString();
    }

    private static String problemText(AgentAnswer<?> answer, Language language, boolean handlesRequests) {
        if (answer instanceof AgentAnswer.Unauthenticated<?>) {
            return RequestText.SESSION_INVALID.in(language);
        }
        if (answer instanceof AgentAnswer.Refused<?> && !handlesRequests) {
            return RequestText.ONLY_SPECIALISTS.in(language);
        }
        return RequestText.UNAVAILABLE.in(language);
    }

    static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.strip();
        return one.length() <= max ? one : one.substring(0, max - 1).strip() + "…";
    }

    private void send(Incoming in, String html, Keyboard keyboard) {
        sender.send(new OutgoingMessage(in.chatId(), html, keyboard));
    }
}
