package ua.itdesk.bot.requests;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import ua.itdesk.bot.agent.AgentAnswer;
import ua.itdesk.bot.agent.RequestsClient;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.Backoff;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.conversation.FileSource;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.requests.DraftStore.Draft;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.contracts.v1.AttachmentReceipt;
import ua.itdesk.contracts.v1.NewRequest;
import ua.itdesk.contracts.v1.RequestSummary;

/**
 * Creates confirmed requests (T1) and keeps those the agent cannot take now until it can (R3, R5).
 *
 * <p>A confirmed draft is an outbox entry first, with its idempotency key fixed, and only then sent: the first
 * attempt right away in the person's own update, later ones from {@link #work()} with doubling pauses. Every attempt
 * carries the same key, so a request whose creation answer was lost is found again by the agent, never created
 * twice. After creation the files are streamed from Telegram to the agent one by one; a file is struck off once
 * attached, so an interrupted upload goes on with the rest later.
 *
 * <p>Attempts are made with the author's own token. An entry whose author has no unexpired token (logged out, or
 * idle until the token lapsed) is not due: it waits for their next login, as the queued message told them, and is
 * given up after {@code bot.requests.queue-max-age}. Several instances share the queue: entries are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease (R4).
 */
@ApplicationScoped
@Startup // its gauges exist from the start, before the first use or scheduled run
public class RequestOutbox {

    private static final Logger LOG = Logger.getLogger(RequestOutbox.class);
    /** How long a claimed entry is left to its instance: longer than an attempt with all uploads takes. */
    private static final Duration LEASE = Duration.ofMinutes(15);
    private static final int BATCH = 20;

    private final DraftStore drafts;
    private final SessionStore sessions;
    private final RequestsClient agent;
    private final TicketsCache cache;
    private final FileSource files;
    private final MessageSender sender;
    private final AuditLog audit;
    private final BotConfig config;
    private final MeterRegistry metrics;
    private final AtomicLong waiting = new AtomicLong();

    RequestOutbox(DraftStore drafts, SessionStore sessions, RequestsClient agent, TicketsCache cache, FileSource files,
            MessageSender sender, AuditLog audit, BotConfig config, MeterRegistry metrics) {
        this.drafts = drafts;
        this.sessions = sessions;
        this.agent = agent;
        this.cache = cache;
        this.files = files;
        this.sender = sender;
        this.audit = audit;
        this.config = config;
        this.metrics = metrics;
        metrics.gauge("bot.requests.queue", waiting);
    }

    /** Confirms the open draft and makes the first attempt, in the person's own update. */
    public void submit(UUID draftId) {
        Draft confirmed = drafts.confirm(draftId, Instant.now().plus(LEASE));
        attempt(confirmed, true);
    }

    /** Works through the due entries; also drops wizards abandoned with their session (S6). */
    @Scheduled(every = "${bot.requests.queue-interval:PT10S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        Instant now = Instant.now();
        int abandoned = drafts.purgeIdle(now.minus(config.session().idleTimeout()));
        List<Draft> overdue = drafts.overdue(now.minus(config.requests().queueMaxAge()));
        overdue.forEach(this::giveUp);
        List<UUID> due = drafts.claimDue(BATCH, now.plus(LEASE));
        for (UUID id : due) {
            MDC.put(AuditLog.CORRELATION_KEY, UUID.randomUUID().toString());
            try {
                drafts.find(id).ifPresent(d -> attempt(d, false));
            } catch (RuntimeException e) {
                // one broken entry must not stop the others; it is retried after its pause
                LOG.errorf(e, "request queue: entry %s failed", id);
                drafts.retryLater(id, now.plus(config.requests().retryMaxBackoff()), e.getClass().getSimpleName());
            } finally {
                MDC.remove(AuditLog.CORRELATION_KEY);
            }
        }
        waiting.set(drafts.queued());
        if (abandoned + overdue.size() + due.size() > 0) {
            LOG.infof("request queue: %d attempted, %d given up, %d abandoned wizards removed, %d waiting",
                    due.size(), overdue.size(), abandoned, waiting.get());
        }
    }

    private void attempt(Draft d, boolean interactive) {
        Optional<String> token = sessions.token(d.telegramUserId());
        if (token.isEmpty()) {
            later(d, "no session token", interactive);
            return;
        }
        if (d.issueKey() == null) {
            Optional<String> key = create(d, token.get(), interactive);
            if (key.isEmpty()) {
                return;
            }
            d = drafts.find(d.id()).orElseThrow();
        }
        upload(d, token.get());
    }

    /** Returns the new request's key, or empty when the entry was queued or refused. */
    private Optional<String> create(Draft d, String token, boolean interactive) {
        NewRequest request = new NewRequest(d.categoryId(), d.priority(), d.summary(), d.description());
        AgentAnswer<RequestSummary> answer = agent.create(token, d.idempotencyKey(), request);
        if (answer instanceof AgentAnswer.Ok<RequestSummary> ok) {
            RequestSummary created = ok.value();
            drafts.created(d.id(), created.key());
            cache.remember(d.employeeId(), created);
            audit.record(AuditEvent.REQUEST_CREATED, AuditOutcome.SUCCESS, d.telegramUserId(), d.employeeId(),
                    created.key() + (d.attempts() > 0 ? " after " + (d.attempts() + 1) + " attempts" : ""));
            metrics.counter("bot.requests.created", "path", d.attempts() == 0 ? "direct" : "queued").increment();
            String text = RequestText.CREATED.in(d.language(), created.key());
            if (created.webLink() != null) {
                text += "\n" + RequestText.LINK.in(d.language(), created.webLink());
            }
            send(d, text);
            return Optional.of(created.key());
        }
        if (notNow(answer)) {
            later(d, reason(answer), interactive);
            return Optional.empty();
        }
        // refused for good (invalid, forbidden): repeating the same request cannot help
        String detail = answer instanceof AgentAnswer.Refused<RequestSummary> refused ? refused.detail() : null;
        drafts.delete(d.id());
        audit.record(AuditEvent.REQUEST_CREATED, AuditOutcome.REFUSED, d.telegramUserId(), d.employeeId(),
                "refused: " + reason(answer));
        metrics.counter("bot.requests.refused").increment();
        send(d, RequestText.REFUSED.in(d.language(), detail == null || detail.isBlank()
                ? RequestText.REFUSED_NO_DETAIL.plain(d.language()) : detail));
        return Optional.empty();
    }

    /** Answers after which the same call may succeed later. */
    private static boolean notNow(AgentAnswer<?> answer) {
        return answer instanceof AgentAnswer.Unavailable<?> || answer instanceof AgentAnswer.Unauthenticated<?>;
    }

    private void upload(Draft d, String token) {
        int attached = 0;
        for (DraftStore.File file : d.files()) {
            AgentAnswer<AttachmentReceipt> answer;
            try {
                FileSource.Download download = files.open(file.telegramFileId());
                try (InputStream content = download.content()) {
                    Long size = download.size() != null ? download.size() : file.size();
                    answer = agent.attach(token, d.issueKey(), file.name(), file.mediaType(), size, content);
                }
            } catch (IOException e) {
                LOG.warnf("request %s: file %d could not be downloaded from Telegram: %s", d.issueKey(), file.seq(),
                        e.getMessage());
                answer = new AgentAnswer.NotFound<>();
            }
            if (answer instanceof AgentAnswer.Ok<AttachmentReceipt>) {
                attached++;
                drafts.fileDone(d.id(), file.seq());
                metrics.counter("bot.requests.attachments", "outcome", "attached").increment();
            } else if (notNow(answer)) {
                later(d, reason(answer), false);
                return;
            } else {
                drafts.fileDone(d.id(), file.seq());
                audit.record(AuditEvent.ATTACHMENT_FAILED, AuditOutcome.REFUSED, d.telegramUserId(), d.employeeId(),
                        d.issueKey() + " file " + file.seq() + " (" + file.mediaType() + ")");
                metrics.counter("bot.requests.attachments", "outcome", "refused").increment();
                send(d, RequestText.FILE_NOT_ATTACHED.in(d.language(), file.name(), d.issueKey()));
            }
        }
        drafts.delete(d.id());
        if (attached > 0) {
            send(d, RequestText.FILES_ATTACHED.in(d.language(), d.issueKey(), attached));
        }
    }

    /** Not now: the entry waits for its next attempt; the first time, the person is told. */
    private void later(Draft d, String reason, boolean interactive) {
        drafts.retryLater(d.id(), Instant.now().plus(backoff(d.attempts())), reason);
        if (d.attempts() == 0 && d.issueKey() == null) {
            audit.record(AuditEvent.REQUEST_QUEUED, AuditOutcome.UNAVAILABLE, d.telegramUserId(), d.employeeId(),
                    reason);
            metrics.counter("bot.requests.queued").increment();
        }
        if (interactive) {
            send(d, RequestText.QUEUED.in(d.language()));
        }
        LOG.infof("request queue: entry %s waits (%s), attempt %d", d.id(), reason, d.attempts() + 1);
    }

    private void giveUp(Draft d) {
        drafts.delete(d.id());
        audit.record(AuditEvent.REQUEST_QUEUED, AuditOutcome.FAILED, d.telegramUserId(), d.employeeId(),
                "given up after " + d.attempts() + " attempts" + (d.issueKey() != null ? ", files of " + d.issueKey()
                        : ""));
        if (d.issueKey() == null) {
            send(d, RequestText.GIVEN_UP.in(d.language(), d.summary()));
        } else {
            d.files().forEach(f -> send(d, RequestText.FILE_NOT_ATTACHED.in(d.language(), f.name(), d.issueKey())));
        }
    }

    /** Doubling pauses from {@code retry-backoff}, capped at {@code retry-max-backoff}. */
    Duration backoff(int failedBefore) {
        return Backoff.doubling(config.requests().retryBackoff(), config.requests().retryMaxBackoff(), failedBefore);
    }

    private static String reason(AgentAnswer<?> answer) {
        if (answer instanceof AgentAnswer.Unavailable<?> u) {
            return u.reason();
        }
        if (answer instanceof AgentAnswer.Unauthenticated<?>) {
            return "token not accepted";
        }
        if (answer instanceof AgentAnswer.Refused<?> r) {
            return String.valueOf(r.kind());
        }
        return answer.getClass().getSimpleName();
    }

    private void send(Draft d, String html) {
        sender.send(new OutgoingMessage(d.chatId(), html, Keyboard.UNCHANGED));
    }
}
