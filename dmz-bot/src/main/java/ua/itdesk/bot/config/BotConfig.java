package ua.itdesk.bot.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the bot needs to know about its deployment. Secrets (the bot token, encryption keys, the client key)
 * have no defaults: the bot refuses to start without them. Each key can also come from the environment
 * ({@code BOT_TELEGRAM_TOKEN} for {@code bot.telegram.token}) or from a {@code -D} system property.
 *
 * <p>The bot knows exactly one system inside the corporate network: the agent (Z1). There is deliberately no key
 * for Jira, the directory or HR.
 */
@ConfigMapping(prefix = "bot")
public interface BotConfig {

    /** The Telegram Bot API side. */
    Telegram telegram();

    /** The internal agent, reached over mutual TLS. */
    Agent agent();

    /** Login sessions. */
    Session session();

    /** Encryption at rest of personal data and tokens (Z4, S2, S6). */
    Crypto crypto();

    /** Throttling of failed logins per Telegram user. */
    Login login();

    /** Per-user flood protection (S3). */
    RateLimit rateLimit();

    /** How long technical and audit rows are kept. */
    Retention retention();

    /** Requests: the wizard, the lists and the queue of confirmed requests (T1, T4, R3). */
    Requests requests();

    /** The agent's event stream: notifications, reconciliation, replies as comments (Z3, T5). */
    Events events();

    /** The specialists' availability toggle and its copy in the agent (T2). */
    Presence presence();

    /** Online consultations: offers, the queue, chats and their timers, their writing to Jira (C1-C6). */
    Consultation consultation();

    /** {@code /stats} for supervisors (M1). */
    Stats stats();

    interface Stats {
        /** A period picker left alone this long is closed; the next message says so. */
        @WithDefault("PT10M")
        Duration dialogTimeout();

        /**
         * The zone whose days the periods are made of ("today", the custom dates, the days of the charts); the agent
         * is told it with every reading and counts the same days in Jira.
         */
        @WithDefault("Europe/Kyiv")
        java.time.ZoneId timeZone();

        /** Longest custom period in days; the agent's {@code agent.statistics.max-days} must allow it. */
        @WithDefault("92")
        int maxDays();
    }

    interface Telegram {
        /** The bot token from BotFather (prefer env {@code BOT_TELEGRAM_TOKEN}); never logged. */
        String token();

        /**
         * Base URL of the Bot API without the {@code /bot} suffix: Telegram itself, a local Bot API server or the
         * sandbox stand-in.
         */
        @WithDefault("https://api.telegram.org")
        String apiUrl();

        /** How updates arrive: {@code long-polling} (no public URL needed) or {@code webhook} (production). */
        @WithDefault("long-polling")
        Mode mode();

        /** Public HTTPS URL Telegram posts updates to, ending in {@code /telegram/webhook}; webhook mode only. */
        Optional<String> webhookUrl();

        /**
         * Secret Telegram sends back in {@code X-Telegram-Bot-Api-Secret-Token} with every update (1-256 of
         * {@code A-Z a-z 0-9 _ -}); webhook mode only, required there.
         */
        Optional<String> webhookSecret();

        /** How long one getUpdates call waits for updates in long-polling mode (Telegram allows up to 50 s). */
        @WithDefault("PT25S")
        Duration pollTimeout();

        /** Upper bound of the pause after failed getUpdates calls (the pause doubles from one second). */
        @WithDefault("PT30S")
        Duration pollMaxBackoff();

        /** Threads that handle updates; updates of one chat are always handled one after another, in order. */
        @WithDefault("8")
        int workers();

        /**
         * With several instances: how long an update waits for the earlier updates of its chat that another
         * instance recorded and has not handled yet; after that (the other instance died) it is handled anyway.
         */
        @WithDefault("PT10S")
        Duration chatOrderWait();

        /** Everything the bot sends: Telegram's limits and the outbox of messages that need no answer (R2, R5). */
        Outgoing outgoing();
    }

    interface Outgoing {
        /**
         * Sending calls (messages, files, edits) per second overall, for this instance; Telegram allows about 30
         * per bot, so with several instances give each its share.
         */
        @WithDefault("30")
        int globalPerSecond();

        /** Sending calls per second into one chat (Telegram: about one). */
        @WithDefault("1")
        int perChatPerSecond();

        /** Threads delivering the outbox; per chat always one message at a time, in order. */
        @WithDefault("8")
        int workers();

        /**
         * How often the outbox is looked at besides the wake-up of every message queued here: messages of other
         * instances, retries and what was left at a restart.
         */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Pause before the first retry of a message Telegram could not take (5xx, no connection); it doubles. */
        @WithDefault("PT2S")
        Duration retryBackoff();

        /** Longest pause between retries of a message. */
        @WithDefault("PT5M")
        Duration retryMaxBackoff();

        /**
         * How long a claimed message is reserved for the instance that claimed it. After a crash the chat's messages
         * wait at most this long; keep it above the longest delivery (a Bot API call's 30 s timeout).
         */
        @WithDefault("PT1M")
        Duration lease();

        /** A message still not delivered after this long is given up (counted as failed, its text removed). */
        @WithDefault("PT24H")
        Duration maxAge();

        /** How long a failed message's row (chat, error, times; never the text) is kept for the operator. */
        @WithDefault("P7D")
        Duration failedRetention();
    }

    /** How updates reach the bot. */
    enum Mode {
        LONG_POLLING,
        WEBHOOK
    }

    interface Agent {
        /**
         * HTTPS base URL of the agent's API (mutual TLS). Used through {@code quarkus.rest-client.agent.url}; also
         * probed by the readiness check.
         */
        @WithDefault("https://localhost:8443")
        String url();

        /** PEM certificate the bot presents to the agent (issued by the deployment CA, EKU clientAuth). */
        Path clientCert();

        /** PEM (PKCS#8) private key of {@link #clientCert()}. */
        Path clientKey();

        /** PEM certificate(s) of the CA that issued the agent's server certificate; nothing else is trusted. */
        Path trustCa();
    }

    interface Session {
        /** A session without any activity for this long ends; the next action asks to log in again (A6). */
        @WithDefault("PT30M")
        Duration idleTimeout();

        /**
         * How long a role fetched from the agent is trusted; after that the next action re-checks the person with
         * the agent (refresh), so someone removed from AD or HR loses access within this time (A6).
         */
        @WithDefault("PT10M")
        Duration roleCacheTtl();
    }

    interface Crypto {
        /**
         * AES-256 keys as {@code id:base64} pairs separated by commas, e.g. {@code 1:<32 bytes>,2:<32 bytes>}.
         * Keep retired keys listed until no stored value uses them: each value carries the id of its key.
         */
        String keys();

        /** Id (from {@link #keys()}) of the key that encrypts new values. */
        int activeKeyId();

        /** Base64 key (at least 32 bytes) of the HMAC-SHA256 that makes phone numbers searchable. */
        String hmacKey();
    }

    interface Login {
        /** Failed logins (refused by the agent, foreign contacts) allowed per Telegram user within the window. */
        @WithDefault("5")
        int maxFailures();

        /** The sliding window over which failed logins are counted. */
        @WithDefault("PT15M")
        Duration failureWindow();
    }

    interface RateLimit {
        /** Updates accepted per Telegram user per second; the excess is dropped with one notice and an audit row. */
        @WithDefault("30")
        int perUserPerSecond();
    }

    interface Retention {
        /** How long update ids are remembered for de-duplication (Telegram redelivers for at most a day). */
        @WithDefault("P7D")
        Duration processedUpdates();

        /** How long audit rows (SYSTEM_LOG) are kept. */
        @WithDefault("P365D")
        Duration audit();
    }

    interface Requests {
        /** How long a fetched "my requests" / "assigned to me" list is served from TICKETS_CACHE without the agent. */
        @WithDefault("PT2M")
        Duration cacheTtl();

        /** Requests per page of a list. */
        @WithDefault("5")
        int pageSize();

        /** The newest this many requests are fetched into a list (older ones are in Jira's portal). */
        @WithDefault("50")
        int listLimit();

        /** Files one request may carry from the wizard. */
        @WithDefault("5")
        int maxAttachments();

        /** Longest one attachment upload to the agent may take. */
        @WithDefault("PT2M")
        Duration uploadTimeout();

        /** How often the queue of confirmed requests is worked through (R3). */
        @WithDefault("PT10S")
        Duration queueInterval();

        /** Pause before the first retry of a queued request; it doubles with each failed attempt. */
        @WithDefault("PT10S")
        Duration retryBackoff();

        /** Longest pause between retries of a queued request. */
        @WithDefault("PT5M")
        Duration retryMaxBackoff();

        /** A queued request still not created after this long is given up, and its author told so. */
        @WithDefault("P3D")
        Duration queueMaxAge();
    }

    interface Events {
        /** How long one long poll of the agent's event stream waits for an event (the agent allows up to 30 s). */
        @WithDefault("PT25S")
        Duration pollWait();

        /** Upper bound of the pause after failed polls while the agent is down (the pause doubles from 1 s). */
        @WithDefault("PT30S")
        Duration maxBackoff();

        /**
         * How often an instance that does not hold the subscription checks whether it may take it over (only one
         * instance subscribes at a time; it holds a PostgreSQL advisory lock while it does).
         */
        @WithDefault("PT5S")
        Duration standbyCheck();

        /** How often the tracked, not yet done requests are reconciled with the agent (also at start and reset). */
        @WithDefault("PT5M")
        Duration reconcileEvery();

        /** How far before the last event seen reconciliation asks for changes, against clocks and in-flight events. */
        @WithDefault("PT10M")
        Duration reconcileMargin();

        /** Statuses (case-insensitive) after which a request is no longer reconciled. */
        @WithDefault("Done,Resolved,Closed,Canceled,Cancelled,Declined")
        List<String> doneStatuses();

        /**
         * How long notification messages can be replied to, and how long finished requests and notified event ids
         * are remembered for de-duplication.
         */
        @WithDefault("P30D")
        Duration retention();

        /** How often replies the agent could not take are tried again. */
        @WithDefault("PT30S")
        Duration replyRetryEvery();

        /** After how long an untaken reply is given up (the person is told to send it again). */
        @WithDefault("PT24H")
        Duration replyGiveUpAfter();
    }

    interface Presence {
        /**
         * How often the whole set of online specialists is sent to the agent besides every change; well inside
         * the agent's presence lease (PT3M by default), after which the agent counts everyone as offline.
         */
        @WithDefault("PT60S")
        Duration pushEvery();
    }

    interface Consultation {
        /** How long an offer waits for Accept or Decline before it passes to the next specialist (C1). */
        @WithDefault("PT60S")
        Duration offerTimeout();

        /** A chat without a message either way for this long is ended (C5). */
        @WithDefault("PT10M")
        Duration idleTimeout();

        /** How many chats a specialist holds at once; an open offer counts as one (C1). */
        @WithDefault("1")
        int limitPerSpecialist();

        /** The wait that lifts a queued consultation by one priority level (C2, see docs/consultations.md). */
        @WithDefault("PT10M")
        Duration ageingStep();

        /** A specialist who declined or let an offer lapse is not offered the same consultation for this long. */
        @WithDefault("PT10M")
        Duration offerCooldown();

        /** How many of the newest finished chats the wait estimate takes its median from. */
        @WithDefault("20")
        int estimateSample();

        /** The typical chat length assumed while there is no history. */
        @WithDefault("PT15M")
        Duration estimateDefault();

        /** How long the rating buttons stay valid after a chat ended; then the consultation closes unrated. */
        @WithDefault("P1D")
        Duration ratingWindow();

        /** How long after rating the employee's next message is taken as a comment to the rating. */
        @WithDefault("PT10M")
        Duration ratingCommentWindow();

        /**
         * How often the timers run (offer expiry, idle chats, rating window) and the queue is checked as a safety
         * net; every event that frees a specialist dispatches at once anyway.
         */
        @WithDefault("PT2S")
        Duration tick();

        /** The chats' transcript and files written to their requests (C4, C6, R3, R5). */
        Sync sync();
    }

    interface Sync {
        /**
         * An open chat is written to Jira once its newest unsynced message is this old, so that a burst of
         * messages becomes one comment.
         */
        @WithDefault("PT10S")
        Duration syncDelay();

        /** ... or once its oldest unsynced message is this old, however lively the chat. An ended chat at once. */
        @WithDefault("PT60S")
        Duration syncMaxDelay();

        /** How often the synchronisation looks for chats due. */
        @WithDefault("PT5S")
        Duration interval();

        /** Pause before the first retry when the agent or Jira cannot take a write; it doubles with each failure. */
        @WithDefault("PT10S")
        Duration backoff();

        /** Longest pause between retries of a chat's write. */
        @WithDefault("PT5M")
        Duration maxBackoff();

        /**
         * How long texts, file names and file ids of written messages are kept (Z4); an ended chat's rows are
         * deleted once the chat ended this long ago.
         */
        @WithDefault("P7D")
        Duration retention();

        /** Chats taken per run of the synchronisation (per instance). */
        @WithDefault("20")
        int batch();
    }
}
