package ua.itdesk.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Everything the agent needs to know about its deployment. Secrets and file paths have no defaults: the agent
 * refuses to start without them. Each key can also come from the environment ({@code AGENT_LDAP_BIND_PASSWORD}
 * for {@code agent.ldap.bind-password}) or from a {@code -D} system property.
 */
@ConfigMapping(prefix = "agent")
public interface AgentConfig {

    /** The bot-facing HTTPS listener (mutual TLS). */
    Tls tls();

    /** The per-employee session token. */
    Jwt jwt();

    /** Active Directory over LDAPS or StartTLS. */
    Ldap ldap();

    /** Mapping of directory groups to roles. */
    Roles roles();

    /** The HR system over HTTPS. */
    Hr hr();

    /** Jira Service Management, Data Center or Cloud; optional until the request flows need it. */
    Jira jira();

    /** The bot-facing request API: category cache and idempotent creation. */
    Requests requests();

    /** The bot's consultation calls (C1, C4, C6): remembered writes. */
    Consultations consultations();

    /** Limits on what the bot-facing API reads. */
    Api api();

    /** Throttling of phone verification. */
    Verify verify();

    /** Limits on token-bearing calls. */
    Calls calls();

    /** The numbering plan used to normalize numbers found in the directory. */
    Phone phone();

    /** Automatic assignment of new requests (T3) and the choice of a specialist for a consultation (C1). */
    Assignment assignment();

    /** The buffer of request events the bot collects with its long poll (Z3, T5). */
    Events events();

    /** Request statistics for supervisors (M1). */
    Statistics statistics();

    interface Statistics {
        /**
         * How long the facts of one period are reused before Jira is asked again: a supervisor paging through the
         * same period, or two supervisors asking at once, cost one reading.
         */
        @WithDefault("PT5M")
        Duration cacheTtl();

        /**
         * Most requests read for one period; beyond it the answer says {@code truncated} and covers the oldest
         * ones. Also the most read by each of the two load queries (resolved in the period, active now).
         */
        @WithDefault("20000")
        int maxRequests();

        /** Longest period in days a supervisor may ask for. */
        @WithDefault("92")
        int maxDays();

        /**
         * Whether the statistics index (the facts of the last {@code max-days} days, kept up to date with one search
         * of what changed) is built in the background at start-up; otherwise the first reading builds it and waits.
         */
        @WithDefault("true")
        boolean indexAtStart();

        /**
         * Id of JSM's "Customer Request Type" field, which names a request's category in a search. On Cloud it is
         * usually {@code customfield_10010}; on Data Center see the field list of the Jira administration.
         */
        @WithDefault("customfield_10010")
        String requestTypeField();
    }

    interface Tls {
        /** PEM certificate (chain) the agent presents to the bot. */
        Path cert();

        /** PEM (PKCS#8) private key of {@link #cert()}. */
        Path key();

        /** PEM certificate(s) of the CA that issues the bot's client certificates; nothing else is accepted. */
        Path clientCa();

        /**
         * Subject common names of the bot's client certificates. The bot's service calls (event stream, presence),
         * which carry no employee token, are allowed only for these; other certificates of the same CA get 403.
         */
        @WithDefault("dmz-bot")
        List<String> botNames();

        /**
         * How often the certificate, key and client CA files are read again; a changed file is taken by the listener
         * for new connections without a restart (Quarkus TLS registry, {@code quarkus.tls.agent.reload-period}).
         */
        @WithDefault("PT1H")
        Duration reloadPeriod();
    }

    interface Jwt {
        /** RSA private key (PKCS#8 PEM) that signs session tokens (RS256). */
        Path signKey();

        /**
         * RSA public keys (PEM files, comma-separated) against which incoming tokens are verified: the one matching
         * {@link #signKey()}, and during a rotation the previous one until the tokens it signed have expired. A
         * token names its key in its {@code kid} header (the key's RFC 7638 thumbprint); a token without one, or
         * naming a key not listed here, is refused.
         */
        List<Path> verifyKey();

        /** The {@code iss} claim written into and required from tokens. */
        @WithDefault("itdesk-agent")
        String issuer();

        /** The {@code aud} claim written into and required from tokens. */
        @WithDefault("itdesk-bot")
        String audience();

        /** How long a token stays valid; the bot refreshes it before it expires. */
        @WithDefault("PT30M")
        Duration lifetime();
    }

    interface Ldap {
        /** {@code ldaps://host:636} for LDAPS, or {@code ldap://host:389} for StartTLS; plain LDAP is never used. */
        String url();

        /** DN of the read-only service account the agent binds as. */
        String bindDn();

        /** Password of the service account (prefer env {@code AGENT_LDAP_BIND_PASSWORD}). */
        String bindPassword();

        /** PEM certificate(s) of the CA that issued the directory's server certificate. */
        Path trustCerts();

        /** Search base for users and groups, e.g. {@code DC=corp,DC=example,DC=com}. */
        String baseDn();

        /** Attributes that may hold a person's phone number, searched and indexed. */
        @WithDefault("mobile,telephoneNumber")
        List<String> phoneAttributes();

        /** How often the in-memory index of normalized numbers is rebuilt from the directory. */
        @WithDefault("PT5M")
        Duration indexRefresh();

        /**
         * How often the agent checks whether the index is due; a failed or missing build is retried this soon, so
         * a directory hiccup at start-up leaves logins on the slower exact-spelling search only briefly.
         */
        @WithDefault("PT10S")
        Duration indexRetry();

        /**
         * Filter (trusted configuration, not user input) that selects person entries; computers are users in AD,
         * hence the exclusion.
         */
        @WithDefault("(&(objectClass=user)(!(objectClass=computer)))")
        String userFilter();

        /** Filter (trusted configuration) that selects group entries when resolving memberships. */
        @WithDefault("(objectClass=group)")
        String groupFilter();

        /** Attribute that holds the stable employee id, the token subject and the HR key. */
        @WithDefault("employeeID")
        String employeeIdAttribute();

        /** TCP connect timeout. */
        @WithDefault("PT3S")
        Duration connectTimeout();

        /** Time limit for one LDAP operation (one page of the index search counts as one). */
        @WithDefault("PT3S")
        Duration responseTimeout();

        /** Maximum pooled connections. */
        @WithDefault("4")
        int poolSize();

        /** Page size of the paged search that builds the index (AD's MaxPageSize is 1000). */
        @WithDefault("500")
        int pageSize();
    }

    /**
     * Group DN lists are separated by {@code ;} because DNs themselves contain commas (a single DN needs no
     * separator at all). Unmapped people are employees, so a missing list errs on the side of fewer rights.
     */
    interface Roles {
        /** DNs of groups whose direct or nested members are specialists, separated by {@code ;}. */
        Optional<String> specialistGroups();

        /** DNs of groups whose direct or nested members are supervisors (wins over specialist), {@code ;}-separated. */
        Optional<String> supervisorGroups();

        /** How many levels of group nesting are followed before giving up. */
        @WithDefault("8")
        int maxDepth();

        /** How many groups one person's membership may span before resolution stops (guards huge graphs). */
        @WithDefault("500")
        int maxGroups();
    }

    interface Hr {
        /** Base URL of the HR API, e.g. {@code https://hr.corp.example.com}. */
        String url();

        /** Bearer API key for the HR API (prefer env {@code AGENT_HR_API_KEY}). */
        String apiKey();

        /** PEM certificate(s) of the CA that issued the HR server's certificate. */
        Path trustCerts();
    }

    /**
     * Every key is optional so that the agent starts without Jira; once {@link #url()} is set, the keys its flavour
     * needs are required and checked at start-up. Without a URL every Jira call fails with "not configured".
     */
    interface Jira {
        /**
         * Base URL, HTTPS only: {@code https://jira.corp.example.com} (Data Center, with its context path if any)
         * or {@code https://your-domain.atlassian.net} (Cloud).
         */
        Optional<URI> url();

        /**
         * {@code data-center}: personal access token as {@code Bearer}, users by name, {@code /rest/api/2};
         * {@code cloud}: e-mail and API token as {@code Basic}, users by accountId, {@code /rest/api/3}.
         */
        @WithDefault("data-center")
        Flavour flavour();

        /**
         * Data Center personal access token, or the Cloud API token of {@link #userEmail()}
         * (prefer env {@code AGENT_JIRA_TOKEN}).
         */
        Optional<String> token();

        /** Cloud only: e-mail address of the Atlassian account that owns the API token. */
        Optional<String> userEmail();

        /**
         * PEM certificate(s) of the CA that issued Jira's server certificate; without it the JVM's default trust
         * store is used (enough for Jira Cloud).
         */
        Optional<Path> trustCerts();

        /** Id of the service desk the agent creates requests in (digits, as Jira's own ids are strings). */
        Optional<String> serviceDeskId();

        /**
         * Time zone of the agent's Jira account profile: Jira reads the dates of a JQL query in it, so the agent
         * writes them in it too.
         */
        @WithDefault("UTC")
        ZoneId timeZone();

        /** TCP connect timeout. */
        @WithDefault("PT3S")
        Duration connectTimeout();

        /** Longest wait for Jira's answer to one attempt. */
        @WithDefault("PT10S")
        Duration readTimeout();

        /** Attempts after the first one for a call that failed in a way worth retrying (429, 5xx, network). */
        @WithDefault("3")
        int maxRetries();

        /**
         * Longest {@code Retry-After} (of a 429 or 503) that the agent waits out before trying again; a longer one
         * fails the call at once, carrying the hint, so that no request thread sleeps for minutes.
         */
        @WithDefault("PT10S")
        Duration maxRetryAfter();

        /** The Jira priority names the bot's four priorities map to. */
        Priorities priorities();

        /**
         * How changes in Jira reach the agent: {@code webhook} (Jira posts them to {@link #webhook()}'s listener;
         * Data Center, which runs beside the agent), {@code polling} (the agent asks Jira every
         * {@link Polling#interval()}; Cloud, which cannot reach an internal agent) or {@code none}. Not set: webhook
         * on Data Center, polling on Cloud, none while {@link #url()} is not set.
         */
        Optional<EventSource> events();

        /** The webhook listener of {@link EventSource#WEBHOOK}. */
        Webhook webhook();

        /** The polling of {@link EventSource#POLLING}. */
        Polling polling();

        /** Where the agent learns about changes in Jira. */
        enum EventSource {
            WEBHOOK,
            POLLING,
            NONE
        }

        /**
         * Jira's webhooks arrive on a separate HTTPS listener with the agent's server certificate and no client
         * certificate (Jira cannot present the bot's), on {@code POST /jira/webhook}; each must carry
         * {@code X-Hub-Signature: sha256=<HMAC-SHA256 of the body>} made with {@link #secret()}.
         */
        interface Webhook {
            /** Port of the webhook listener; open it only from Jira's hosts. */
            @WithDefault("8444")
            int port();

            /** Address the webhook listener binds to. */
            @WithDefault("0.0.0.0")
            String host();

            /**
             * The secret Jira signs webhooks with (Jira: the webhook's "Secret"); required for {@code webhook}
             * (prefer env {@code AGENT_JIRA_WEBHOOK_SECRET}). Unsigned webhooks are never accepted.
             */
            Optional<String> secret();

            /** Largest webhook body taken, in bytes; a larger one is refused with 413. */
            @WithDefault("1048576")
            int maxBodyBytes();

            /**
             * How long a delivery is remembered to refuse its replay (same delivery id or the same signed body);
             * bodies stamped earlier than this are refused too.
             */
            @WithDefault("PT1H")
            Duration replayWindow();
        }

        interface Polling {
            /** Pause between two polls. */
            @WithDefault("PT5S")
            Duration interval();

            /** Most requests whose last seen state is remembered (the most recently updated are kept). */
            @WithDefault("10000")
            int maxTracked();
        }

        /** Jira priority names, as the request types accept them ({@code agent.jira.priorities.critical}...). */
        interface Priorities {
            @WithDefault("Highest")
            String critical();

            @WithDefault("High")
            String high();

            @WithDefault("Medium")
            String medium();

            @WithDefault("Low")
            String low();
        }

        /** Where Jira runs, which decides authentication, API version, search paging and how users are named. */
        enum Flavour {
            DATA_CENTER,
            CLOUD
        }
    }

    interface Requests {
        /**
         * How long the service desk's request types (the bot's categories), with whether each needs a description,
         * are kept before Jira is asked again.
         */
        @WithDefault("PT10M")
        Duration categoriesTtl();

        /** How long a creation is remembered under its {@code Idempotency-Key}. */
        @WithDefault("PT24H")
        Duration idempotencyWindow();

        /** Most creations remembered at once (oldest forgotten first); memory, not a database: one agent only. */
        @WithDefault("10000")
        int idempotencyMaxEntries();

        /** Requests per page of {@code /mine} and {@code /assigned}. */
        @WithDefault("20")
        int pageSize();
    }

    interface Consultations {
        /** How long a consultation comment or attachment is remembered under its {@code Idempotency-Key}. */
        @WithDefault("PT24H")
        Duration idempotencyWindow();

        /**
         * Most consultation writes remembered at once (oldest forgotten first). A comment is held with its text (up
         * to 32,000 characters), so this bounds the memory; one agent only.
         */
        @WithDefault("2000")
        int idempotencyMaxEntries();
    }

    interface Api {
        /**
         * Largest JSON body a call may send, in bytes (a {@code Content-Length} above it is 413 before the body is
         * read). The largest legitimate ones are a presence set of 10,000 ids and a 32,000-character description
         * with every character escaped; files have their own limit ({@code RequestsApi.MAX_ATTACHMENT_BYTES}).
         */
        @WithDefault("1048576")
        long maxJsonBytes();
    }

    interface Verify {
        /** Refused verifications allowed per Telegram user, and per phone number, within the window. */
        @WithDefault("5")
        int maxFailures();

        /** The sliding window over which refused verifications are counted. */
        @WithDefault("PT15M")
        Duration failureWindow();
    }

    interface Calls {
        /** Token-bearing calls allowed per employee within {@link #window()}. */
        @WithDefault("120")
        int limit();

        /** The sliding window of the per-employee call limit. */
        @WithDefault("PT1M")
        Duration window();
    }

    interface Phone {
        /** Default country calling code, digits only. */
        @WithDefault("380")
        String countryCode();

        /** National trunk prefix, one digit or empty. */
        @WithDefault("0")
        String trunkPrefix();

        /** Digits of a national significant number. */
        @WithDefault("9")
        int nationalLength();
    }

    /**
     * Request events kept in memory for the bot's long poll ({@code GET /api/v1/events}): the newest
     * {@link #maxEvents()} of the last {@link #maxAge()}. A bot whose cursor fell out of them is told to reconcile.
     */
    interface Events {
        /** Most events kept. */
        @WithDefault("10000")
        int maxEvents();

        /** How long an event is kept. */
        @WithDefault("PT1H")
        Duration maxAge();

        /** Most events in one answer. */
        @WithDefault("200")
        int maxBatch();

        /**
         * Most long polls waiting at once; each holds a worker thread while it waits, so further polls are answered
         * at once (the bot is one client, normally with one poll open).
         */
        @WithDefault("4")
        int maxWaiting();
    }

    /**
     * The integral score of {@code ua.itdesk.agent.assignment.AssignmentScorer} and the Jira queries behind it. Each
     * measure is scaled to [0, 1] over the candidates before it is weighted, so a weight is the most that measure
     * can add to a score. At least one weight must be positive; none may be negative.
     */
    interface Assignment {
        /**
         * Weight of "fewer active requests" (current load). The largest by default: between two people, a
         * difference in load outweighs the two other measures together (1.0 > 0.5 + 0.3).
         */
        @WithDefault("1.0")
        double weightActive();

        /**
         * Weight of "longer since the last resolved request": spreads new work over people who have just finished
         * something and people who have been waiting; second to load.
         */
        @WithDefault("0.5")
        double weightIdle();

        /**
         * Weight of "fewer requests resolved in the current period": long-run balance only, so the smallest; it
         * mostly decides between people otherwise alike.
         */
        @WithDefault("0.3")
        double weightResolved();

        /**
         * The current period of "resolved in the period": {@code week} (from Monday 00:00) or {@code month} (from
         * the 1st, 00:00), in the time zone of the agent's Jira account ({@code agent.jira.time-zone}).
         */
        @WithDefault("week")
        Period period();

        /**
         * Names of the statuses that count as active ("new", "in progress", "waiting for customer" of the service
         * desk's workflow, e.g. {@code Waiting for support,In Progress,Waiting for customer}). Every name must exist
         * in Jira, or Jira refuses the query. Not set: every status not in the Done category counts.
         */
        Optional<List<String>> activeStatuses();

        /**
         * How long the measures read for one set of candidates are reused before Jira is asked again; {@code PT0S}
         * reads them for every assignment.
         */
        @WithDefault("PT30S")
        Duration metricsCacheTtl();

        /**
         * How far back the last resolution of each specialist is looked for. Longer ago, or never, counts the same:
         * as this much idle time.
         */
        @WithDefault("P30D")
        Duration lookback();

        /**
         * Most result pages (of up to 1000 issues) read per metric query; beyond it the counts are lower bounds and
         * a warning is logged.
         */
        @WithDefault("10")
        int maxPages();

        /**
         * How long the set of online specialists the bot last sent ({@code PUT /api/v1/presence}) stays valid. The
         * bot re-sends it periodically; an older copy counts as unknown, that is nobody online, so that a bot that
         * went away does not leave requests assigned to people who may have gone home.
         */
        @WithDefault("PT3M")
        Duration presenceLease();

        /**
         * How long a person's directory role (is this id a specialist?) and the Jira account of a specialist are
         * reused before they are looked up again.
         */
        @WithDefault("PT10M")
        Duration peopleCacheTtl();

        /**
         * Attempts after the first to assign a new request when Jira is unavailable (metrics, user search or the
         * assignment itself); then the request stays unassigned in the queue and the failure is logged and counted.
         */
        @WithDefault("3")
        int retries();

        /** Wait before the first retry of an assignment; doubled for each further one. */
        @WithDefault("PT2S")
        Duration retryBackoff();

        /**
         * Most requests kept waiting for a specialist to come online (memory of one agent instance). When full,
         * the one that would be served last (lowest priority, then newest) is dropped from the list; it stays in
         * Jira's queue.
         */
        @WithDefault("500")
        int waitingMax();

        /** The current period of {@link #weightResolved()}. */
        enum Period {
            WEEK,
            MONTH
        }
    }
}
