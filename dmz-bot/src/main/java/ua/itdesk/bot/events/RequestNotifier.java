package ua.itdesk.bot.events;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.events.NotificationStore.Recipient;
import ua.itdesk.contracts.v1.ConsultationsApi;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * Turns request events into Telegram messages (Z3, T2, T5), whether they come from the live stream or from
 * reconciliation: the requester hears of status changes and public comments, the assignee of an assignment, every
 * logged-in supervisor of a request nobody could take. Each notification is first claimed in the database (status
 * and assignee by value, comments and the rest by event id) and sent only by whoever won the claim, so repeats
 * never reach anyone twice. A message that could not be sent after the sender's own retries is not sent again: at
 * most once, never twice.
 */
@ApplicationScoped
class RequestNotifier {

    private static final Logger LOG = Logger.getLogger(RequestNotifier.class);
    /** The request detail view's button (the callback contract with the requests feature): {@code rq|d|<KEY>}. */
    static final String DETAILS_CALLBACK = "rq|d|";
    /** Comments longer than this are cut in the notification; the full text is one tap away. */
    private static final int MAX_COMMENT = 3000;

    private final NotificationStore store;
    private final MessageSender sender;
    private final MeterRegistry metrics;
    private final Set<String> doneStatuses;
    private final Event<RequestClosed> closed;

    RequestNotifier(NotificationStore store, MessageSender sender, MeterRegistry metrics, BotConfig config,
            Event<RequestClosed> closed) {
        this.closed = closed;
        this.store = store;
        this.sender = sender;
        this.metrics = metrics;
        this.doneStatuses = config.events().doneStatuses().stream()
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Records what the event tells and notifies whoever should hear of it, once. */
    void handle(RequestEvent e) {
        switch (e.type()) {
            case CREATED -> store.track(e.key(), e.reporterEmployeeId(), e.status(), isDone(e.status()));
            case STATUS_CHANGED -> {
                if (e.status() != null
                        && store.claimStatus(e.key(), e.reporterEmployeeId(), e.status(), e.occurredAt(),
                        isDone(e.status()))) {
                    notifyRequester(e, lang -> EventText.STATUS_CHANGED.in(lang, e.key(), e.summary(), e.status()));
                    if (isDone(e.status())) {
                        closed.fire(new RequestClosed(e.key()));
                    }
                } else {
                    duplicate(e);
                }
            }
            case COMMENT_ADDED -> commentAdded(e);
            case ASSIGNED -> {
                if (store.claimAssignee(e.key(), e.reporterEmployeeId(), e.assigneeEmployeeId(), e.occurredAt())) {
                    if (e.assigneeEmployeeId() != null) {
                        notifyAssignee(e);
                    }
                } else {
                    duplicate(e);
                }
            }
            case NO_SPECIALIST_AVAILABLE -> {
                if (store.claimEvent(e.id(), e.key())) {
                    notifySupervisors(e);
                } else {
                    duplicate(e);
                }
            }
        }
    }

    boolean isDone(String status) {
        return status != null && doneStatuses.contains(status.strip().toLowerCase(Locale.ROOT));
    }

    private void commentAdded(RequestEvent e) {
        if (e.comment() == null) {
            LOG.warnf("event %s: a comment event without the comment; ignored", e.id());
            return;
        }
        store.track(e.key(), e.reporterEmployeeId(), e.status(), isDone(e.status()));
        if (!store.claimEvent(e.id(), e.key())) {
            duplicate(e);
            return;
        }
        if (e.authorEmployeeId() != null && e.authorEmployeeId().equals(e.reporterEmployeeId())) {
            // the requester's own comment (typed in Jira, or a reply of theirs we posted): nothing to tell them
            count(e, "own_comment");
            return;
        }
        if (e.comment().body() != null && e.comment().body().startsWith(ConsultationsApi.COMMENT_MARKER)) {
            // a consultation's transcript, closing note or rating: the requester wrote or read it in the chat
            count(e, "consultation_comment");
            return;
        }
        notifyRequester(e, lang -> {
            String author = e.comment().author() != null && !e.comment().author().isBlank() ? e.comment().author()
                    : EventText.UNKNOWN_AUTHOR.plain(lang);
            String body = e.comment().body() == null ? "" : e.comment().body().strip();
            String html = EventText.COMMENT_ADDED.in(lang, e.key(), e.summary(), author, cut(body, MAX_COMMENT));
            for (int max = MAX_COMMENT / 2; html.length() > 3900 && max > 0; max /= 2) {
                // escaping can make a comment of odd characters much longer; cut harder until it fits Telegram
                html = EventText.COMMENT_ADDED.in(lang, e.key(), e.summary(), author, cut(body, max));
            }
            return html;
        });
    }

    private void notifyRequester(RequestEvent e, java.util.function.Function<Language, String> text) {
        if (e.reporterEmployeeId() == null) {
            count(e, "no_recipient");
            return;
        }
        List<Recipient> people = store.accountsOf(e.reporterEmployeeId());
        if (people.isEmpty()) {
            count(e, "no_recipient");
            return;
        }
        for (Recipient r : people) {
            sendReplyable(e, r, text.apply(r.language()) + EventText.REPLY_HINT.in(r.language()));
        }
    }

    private void notifyAssignee(RequestEvent e) {
        List<Recipient> people = store.accountsOf(e.assigneeEmployeeId());
        if (people.isEmpty()) {
            count(e, "no_recipient");
            return;
        }
        for (Recipient r : people) {
            String html = EventText.ASSIGNED.in(r.language(), e.key(), priority(e.priority(), r.language()),
                    e.summary()) + EventText.REPLY_HINT.in(r.language());
            sendReplyable(e, r, html);
        }
    }

    private void notifySupervisors(RequestEvent e) {
        List<Recipient> supervisors = store.loggedInSupervisors();
        if (supervisors.isEmpty()) {
            LOG.warnf("no specialist available for %s, and no supervisor is logged in to be told", e.key());
            count(e, "no_recipient");
            return;
        }
        for (Recipient r : supervisors) {
            String html = EventText.NO_SPECIALIST.in(r.language(), e.key(), e.summary(),
                    priority(e.priority(), r.language()));
            OptionalLong sent = sender.sendAndGetId(new OutgoingMessage(r.chatId(), html, buttons(e, r.language())));
            count(e, sent.isPresent() ? "sent" : "failed");
        }
    }

    /** Sends a notification the person may answer by replying to it, and remembers which message it was. */
    private void sendReplyable(RequestEvent e, Recipient r, String html) {
        OptionalLong sent = sender.sendAndGetId(new OutgoingMessage(r.chatId(), html, buttons(e, r.language())));
        if (sent.isPresent()) {
            store.rememberMessage(r.chatId(), sent.getAsLong(), r.telegramUserId(), e.key());
        }
        count(e, sent.isPresent() ? "sent" : "failed");
        LOG.debugf("event %s -> Telegram user %d: %s", e.id(), r.telegramUserId(), sent.isPresent() ? "sent"
                : "not sent");
    }

    private static Keyboard buttons(RequestEvent e, Language lang) {
        List<Keyboard.Button> row = new ArrayList<>();
        if (e.webLink() != null && (e.webLink().startsWith("https://") || e.webLink().startsWith("http://"))) {
            row.add(Keyboard.Button.link(EventText.OPEN.plain(lang), e.webLink()));
        }
        row.add(new Keyboard.Button(EventText.DETAILS.plain(lang), DETAILS_CALLBACK + e.key()));
        return new Keyboard.Inline(List.of(row));
    }

    private static String priority(Priority p, Language lang) {
        EventText text = p == null ? EventText.PRIORITY_NONE : switch (p) {
            case CRITICAL -> EventText.PRIORITY_CRITICAL;
            case HIGH -> EventText.PRIORITY_HIGH;
            case MEDIUM -> EventText.PRIORITY_MEDIUM;
            case LOW -> EventText.PRIORITY_LOW;
        };
        return text.plain(lang);
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "…";
    }

    private void duplicate(RequestEvent e) {
        LOG.debugf("event %s (%s %s) already notified; dropped", e.id(), e.type(), e.key());
        metrics.counter("bot.events.duplicates", "type", e.type().name()).increment();
    }

    private void count(RequestEvent e, String outcome) {
        metrics.counter("bot.notifications", "type", e.type().name(), "outcome", outcome).increment();
    }
}
