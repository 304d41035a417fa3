package ua.itdesk.bot.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import ua.itdesk.bot.agent.AgentEventsClient;
import ua.itdesk.bot.agent.CommentOutcome;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.conversation.Incoming;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.session.SessionView;

/**
 * A reply to a notification becomes a public comment on its request (T5), posted with the replier's own token, so
 * the agent decides whether the request is theirs to comment on. It takes precedence over whatever conversation
 * the person is in: replying to a notification never feeds a wizard. When the agent cannot take the comment now,
 * it is kept (encrypted) and posted later, and the person is told both times.
 */
@ApplicationScoped
public class NotificationReplies {

    private static final Logger LOG = Logger.getLogger(NotificationReplies.class);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofMinutes(30);

    private final NotificationStore notifications;
    private final PendingReplies pending;
    private final SessionStore sessions;
    private final AgentEventsClient agent;
    private final MessageSender sender;
    private final BotConfig config;
    private final MeterRegistry metrics;

    NotificationReplies(NotificationStore notifications, PendingReplies pending, SessionStore sessions,
            AgentEventsClient agent, MessageSender sender, BotConfig config, MeterRegistry metrics) {
        this.notifications = notifications;
        this.pending = pending;
        this.sessions = sessions;
        this.agent = agent;
        this.sender = sender;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Handles the update when it is a text reply of this person to one of their notifications. An edit of such a
     * reply is not taken: the comment was posted already, and a second one would repeat it.
     *
     * @return false when it is anything else, for the conversations to handle
     */
    public boolean take(Incoming in) {
        if (in.edited() || in.replyTo() == null || in.callback() != null || in.contact() != null || in.text() == null
                || in.text().isBlank() || in.commandName().isPresent()) {
            return false;
        }
        Instant now = Instant.now();
        Optional<String> key = notifications.requestOfMessage(in.chatId(), in.replyTo(), in.userId(),
                now.minus(config.events().retention()));
        if (key.isEmpty()) {
            return false;
        }
        Language language = Language.of(in.languageCode());
        Optional<String> token = sessions.find(in.userId()).filter(s -> live(s, now))
                .flatMap(s -> sessions.token(in.userId()));
        if (token.isEmpty()) {
            answer(in.chatId(), ReplyText.LOGIN_FIRST, language, key.get(), "login_required");
            return true;
        }
        sessions.touch(in.userId(), now);
        CommentOutcome outcome = agent.comment(token.get(), key.get(), in.text().strip());
        if (outcome instanceof CommentOutcome.Unavailable unavailable) {
            pending.keep(in.userId(), in.chatId(), key.get(), in.text().strip(), language,
                    now.plus(config.events().replyRetryEvery()));
            LOG.infof("reply of Telegram user %d to %s kept for a later attempt: %s", in.userId(), key.get(),
                    unavailable.reason());
            answer(in.chatId(), ReplyText.QUEUED, language, key.get(), "queued");
            return true;
        }
        finish(in.chatId(), language, key.get(), outcome);
        return true;
    }

    /** Posts the replies kept while the agent was away; each is leased to one instance at a time. */
    @Scheduled(every = "${bot.events.reply-retry-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryKept() {
        int posted = 0;
        int left = 0;
        for (PendingReplies.Reply r : pending.takeDue()) {
            Instant now = Instant.now();
            Optional<String> token = sessions.find(r.telegramUserId()).filter(s -> live(s, now))
                    .flatMap(s -> sessions.token(r.telegramUserId()));
            CommentOutcome outcome = token.isEmpty() ? new CommentOutcome.SessionInvalid()
                    : agent.comment(token.get(), r.key(), r.body());
            if (outcome instanceof CommentOutcome.Unavailable) {
                if (r.createdAt().plus(config.events().replyGiveUpAfter()).isBefore(now)) {
                    pending.done(r.id());
                    answer(r.chatId(), ReplyText.GIVEN_UP, r.language(), r.key(), "given_up");
                } else {
                    pending.retryAt(r.id(), now.plus(pause(r.attempts())));
                    left++;
                }
                continue;
            }
            pending.done(r.id());
            finish(r.chatId(), r.language(), r.key(), outcome);
            if (outcome instanceof CommentOutcome.Posted) {
                posted++;
            }
        }
        if (posted > 0 || left > 0) {
            LOG.infof("kept replies: %d posted, %d still waiting for the agent", posted, left);
        }
    }

    private void finish(long chatId, Language language, String key, CommentOutcome outcome) {
        if (outcome instanceof CommentOutcome.Posted) {
            answer(chatId, ReplyText.POSTED, language, key, "posted");
        } else if (outcome instanceof CommentOutcome.NotFound) {
            answer(chatId, ReplyText.NOT_FOUND, language, key, "not_found");
        } else if (outcome instanceof CommentOutcome.SessionInvalid) {
            answer(chatId, ReplyText.LOGIN_FIRST, language, key, "login_required");
        } else {
            answer(chatId, ReplyText.REJECTED, language, key, "rejected");
        }
    }

    /** The same test as the session gate's: a token that has not expired and recent activity. */
    private boolean live(SessionView s, Instant now) {
        return s.hasToken() && s.expiresAt() != null && s.expiresAt().isAfter(now)
                && s.lastActivityAt().plus(config.session().idleTimeout()).isAfter(now);
    }

    private Duration pause(int attempts) {
        Duration pause = config.events().replyRetryEvery().multipliedBy(1L << Math.min(attempts, 10));
        return pause.compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : pause;
    }

    private void answer(long chatId, ReplyText text, Language language, String key, String outcome) {
        sender.send(OutgoingMessage.text(chatId, text.in(language, key)));
        metrics.counter("bot.replies", "outcome", outcome).increment();
    }
}
