package ua.itdesk.bot.consultation;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import ua.itdesk.bot.agent.AgentAnswer;
import ua.itdesk.bot.agent.ConsultationsClient;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.Backoff;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.consultation.ChatMessages.Kind;
import ua.itdesk.bot.consultation.ChatSyncStore.Chat;
import ua.itdesk.bot.consultation.ChatSyncStore.Claim;
import ua.itdesk.bot.consultation.ChatSyncStore.Row;
import ua.itdesk.bot.conversation.FileSource;
import ua.itdesk.contracts.v1.NewRequest;

/**
 * Writes the consultations' messages to their requests (C4, C6, R3, R5): texts and notes as transcript comments,
 * photos, documents and voice notes as attachments, per chat strictly in order, each exactly once.
 *
 * <p>The relay only inserts rows; this job, on its own schedule, finds the chats due (paused for
 * {@code sync-delay}, waiting for {@code sync-max-delay}, or ended) and leases them to one instance (see
 * {@link ChatSyncStore#claim}). A chat's pending rows are cut into <em>groups</em>, each one write: a run of lines
 * (as many as one comment holds), or one file. A group's idempotency key is stored on its rows before the first
 * attempt, so a retry after a lost answer repeats the same write under the same key and the agent does not write it
 * twice. A write the agent cannot take now stops the chat until a doubling pause has passed (the rows behind it wait,
 * to keep the order); one it refuses for good (a file type, a deleted request) is given up, audited, and the chat
 * goes on.
 */
@ApplicationScoped
@Startup // its gauges exist from the start, before the first use or scheduled run
public class ChatSync {

    private static final Logger LOG = Logger.getLogger(ChatSync.class);
    /**
     * How long a claimed chat is left to its instance. A run stops starting writes after half of it, and one write
     * is bounded by the upload timeout, so the lease never lapses under a live instance.
     */
    static final Duration LEASE = Duration.ofMinutes(10);
    /** Rows read per step: far more than one comment holds. */
    private static final int ROWS_PER_READ = 200;
    /** A file Telegram will not hand out this many times in a row is given up (it may be gone for good). */
    private static final int DOWNLOAD_ATTEMPTS = 5;
    private static final String DOWNLOAD_FAILED = "file not available from Telegram";

    private final ChatSyncStore store;
    private final ChatMessages messages;
    private final ConsultationsClient agent;
    private final FileSource files;
    private final AuditLog audit;
    private final BotConfig config;
    private final MeterRegistry metrics;
    private final AtomicLong backlog = new AtomicLong();

    ChatSync(ChatSyncStore store, ChatMessages messages, ConsultationsClient agent, FileSource files, AuditLog audit,
            BotConfig config, MeterRegistry metrics) {
        this.store = store;
        this.messages = messages;
        this.agent = agent;
        this.files = files;
        this.audit = audit;
        this.config = config;
        this.metrics = metrics;
        metrics.gauge("bot.consultation.sync.backlog", backlog);
    }

    /** Makes an ended chat's remaining messages due at once, pauses after failures included. */
    public void syncSoon(long sessionId) {
        store.soon(sessionId);
    }

    @Scheduled(every = "${bot.consultation.sync.interval:PT5S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        BotConfig.Sync sync = config.consultation().sync();
        List<Claim> claims = store.claim(sync.batch(), LEASE, sync.syncDelay(), sync.syncMaxDelay());
        Tally tally = new Tally();
        for (Claim claim : claims) {
            MDC.put(AuditLog.CORRELATION_KEY, UUID.randomUUID().toString());
            try {
                syncChat(claim, tally);
            } catch (RuntimeException e) {
                // one broken chat must not stop the others; it is tried again after the longest pause
                LOG.errorf(e, "chat sync: chat %d failed", claim.sessionId());
                store.release(claim.sessionId(), claim.lastSeq(), Instant.now().plus(sync.maxBackoff()));
            } finally {
                MDC.remove(AuditLog.CORRELATION_KEY);
            }
        }
        backlog.set(store.backlog());
        if (!claims.isEmpty()) {
            LOG.infof("chat sync: %d chats, %d comments and %d files written, %d writes given up, %d chats waiting "
                    + "for the agent, %d messages pending", claims.size(), tally.comments, tally.files, tally.refused,
                    tally.waiting, backlog.get());
        }
    }

    /** Removes the content of written messages after {@code retention} (Z4). Idempotent, safe on every instance. */
    @Scheduled(every = "1h", delayed = "9m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int[] purged = store.purge(Instant.now().minus(config.consultation().sync().retention()));
        LOG.infof("chat retention: %d messages emptied, %d messages of ended chats removed", purged[0], purged[1]);
    }

    /** Counts of one run, for its log line. */
    private static final class Tally {
        int comments;
        int files;
        int refused;
        int waiting;
    }

    private void syncChat(Claim claim, Tally tally) {
        Optional<Chat> found = store.chat(claim.sessionId());
        if (found.isEmpty()) {
            return; // deleted meanwhile, its rows with it
        }
        Chat chat = found.get();
        Transcript transcript = new Transcript(chat.employeeName(), chat.specialistName(),
                NewRequest.MAX_DESCRIPTION);
        Instant stopStarting = Instant.now().plus(LEASE.dividedBy(2));
        while (Instant.now().isBefore(stopStarting)) {
            List<Row> rows = store.pending(chat.sessionId(), claim.lastSeq(), ROWS_PER_READ);
            if (rows.isEmpty()) {
                return;
            }
            Group group = group(chat, transcript, rows);
            store.fix(chat.sessionId(), group.rows().get(0).seq(), group.rows().get(group.rows().size() - 1).seq(),
                    group.key());
            AgentAnswer<?> answer = write(chat, transcript, group);
            String what = group.file() ? "attachment" : "comment";
            if (answer instanceof AgentAnswer.Ok<?>) {
                if (group.file()) {
                    store.attached(chat.sessionId(), group.rows().get(0).seq());
                    tally.files++;
                } else {
                    store.synced(chat.sessionId(), group.key());
                    tally.comments++;
                }
                metrics.counter("bot.consultation.sync", "outcome", "written", "write", what).increment();
            } else if (notNow(answer) && !(group.file() && downloadGivenUp(answer, group))) {
                int attempts = group.rows().get(0).attempts();
                store.retryAt(chat.sessionId(), group.key(), claim.lastSeq(), Instant.now().plus(backoff(attempts)),
                        reason(answer));
                tally.waiting++;
                metrics.counter("bot.consultation.sync", "outcome", "retry", "write", what).increment();
                LOG.infof("chat sync: chat %d (%s) waits: %s, attempt %d", chat.sessionId(), chat.ticketKey(),
                        reason(answer), attempts + 1);
                return;
            } else {
                int rowsGivenUp = store.failed(chat.sessionId(), group.key(), reason(answer));
                tally.refused++;
                metrics.counter("bot.consultation.sync", "outcome", "refused", "write", what).increment();
                audit.record(AuditEvent.CONSULTATION_SYNC_FAILED, AuditOutcome.REFUSED, chat.employeeTelegramId(),
                        chat.employeeId(), chat.ticketKey() + " chat " + chat.sessionId() + ": " + what + " "
                                + group.key() + " (" + rowsGivenUp + " messages) not written: " + reason(answer));
            }
        }
        store.release(chat.sessionId(), claim.lastSeq(), Instant.now());
    }

    /**
     * One write: the file of the first row, or the lines from the first row on as far as one comment holds and no
     * file intervenes. A group fixed by an earlier attempt is taken again exactly as it was.
     */
    private Group group(Chat chat, Transcript transcript, List<Row> rows) {
        Row first = rows.get(0);
        if (first.fileId() != null) {
            String key = first.syncKey() != null ? first.syncKey() : "chat-" + chat.sessionId() + "-" + first.seq();
            return new Group(key, true, List.of(first), List.of());
        }
        List<Row> candidates = new ArrayList<>();
        for (Row r : rows) {
            boolean sameGroup = first.syncKey() != null ? first.syncKey().equals(r.syncKey())
                    : r.syncKey() == null;
            if (r.fileId() != null || !sameGroup) {
                break;
            }
            candidates.add(r);
        }
        List<String> lines = candidates.stream().map(r -> transcript.line(line(chat, r))).toList();
        int n = first.syncKey() != null ? lines.size() : transcript.fitting(lines);
        List<Row> taken = candidates.subList(0, n);
        String key = first.syncKey() != null ? first.syncKey()
                : "chat-" + chat.sessionId() + "-" + first.seq() + "-" + taken.get(n - 1).seq();
        return new Group(key, false, taken, lines.subList(0, n));
    }

    private record Group(String key, boolean file, List<Row> rows, List<String> lines) {
    }

    private Transcript.Line line(Chat chat, Row r) {
        return new Transcript.Line(r.createdAt(), r.side(), r.kind(),
                messages.body(chat.sessionId(), r.seq(), r.body()),
                messages.fileName(chat.sessionId(), r.seq(), r.fileName()), r.editOf());
    }

    private AgentAnswer<?> write(Chat chat, Transcript transcript, Group group) {
        if (!group.file()) {
            return agent.comment(chat.ticketKey(), group.key(), transcript.comment(group.lines()));
        }
        Row r = group.rows().get(0);
        String name = messages.fileName(chat.sessionId(), r.seq(), r.fileName());
        if (name == null || name.isBlank()) {
            name = defaultName(r);
        }
        try {
            FileSource.Download download = files.open(r.fileId());
            try (InputStream content = download.content()) {
                Long size = download.size() != null ? download.size() : r.fileSize();
                return agent.attach(chat.ticketKey(), group.key(), name, mediaType(r), size, content);
            }
        } catch (IOException e) {
            LOG.warnf("chat sync: chat %d file %d could not be downloaded from Telegram: %s", chat.sessionId(),
                    r.seq(), e.getMessage());
            return new AgentAnswer.Unavailable<>(DOWNLOAD_FAILED);
        }
    }

    /** Telegram keeps files for long; one it has refused this often is taken as gone. */
    private static boolean downloadGivenUp(AgentAnswer<?> answer, Group group) {
        return answer instanceof AgentAnswer.Unavailable<?> u && DOWNLOAD_FAILED.equals(u.reason())
                && group.rows().get(0).attempts() + 1 >= DOWNLOAD_ATTEMPTS;
    }

    private static String defaultName(Row r) {
        return switch (r.kind()) {
            case PHOTO -> "photo-" + r.seq() + ".jpg";
            case VOICE -> "voice-" + r.seq() + ".ogg";
            default -> "file-" + r.seq();
        };
    }

    private static String mediaType(Row r) {
        if (r.mimeType() != null && !r.mimeType().isBlank()) {
            return r.mimeType();
        }
        return switch (r.kind()) {
            case PHOTO -> "image/jpeg";
            case VOICE -> "audio/ogg";
            default -> "application/octet-stream";
        };
    }

    /** Answers after which the same write may succeed later; 401 means the bot's certificate, not the write. */
    private static boolean notNow(AgentAnswer<?> answer) {
        return answer instanceof AgentAnswer.Unavailable<?> || answer instanceof AgentAnswer.Unauthenticated<?>;
    }

    private Duration backoff(int failedBefore) {
        return Backoff.doubling(config.consultation().sync().backoff(), config.consultation().sync().maxBackoff(),
                failedBefore);
    }

    private static String reason(AgentAnswer<?> answer) {
        if (answer instanceof AgentAnswer.Unavailable<?> u) {
            return u.reason();
        }
        if (answer instanceof AgentAnswer.Unauthenticated<?>) {
            return "certificate not accepted";
        }
        if (answer instanceof AgentAnswer.Refused<?> r) {
            return String.valueOf(r.kind());
        }
        if (answer instanceof AgentAnswer.NotFound<?>) {
            return "request not found";
        }
        return answer.getClass().getSimpleName();
    }
}
