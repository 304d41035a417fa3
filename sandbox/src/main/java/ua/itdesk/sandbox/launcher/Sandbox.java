package ua.itdesk.sandbox.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ua.itdesk.sandbox.db.EmbeddedDatabase;
import ua.itdesk.sandbox.directory.DirectoryStandIn;
import ua.itdesk.sandbox.hr.HrStandIn;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.pki.Pki;
import ua.itdesk.sandbox.telegram.TelegramStandIn;

/**
 * The whole system on one machine: the stand-ins and the embedded PostgreSQL in this JVM, the agent and the bot as
 * two separate processes from their packaged applications, wired with freshly generated certificates, keys and
 * secrets. Used by the sandbox command and by the end-to-end scenarios, so both run the same wiring.
 */
public final class Sandbox implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** System property: how many past requests the Jira stand-in seeds (e.g. 10000 for the statistics benchmark). */
    public static final String PAST_REQUESTS_PROPERTY = "sandbox.jira.past-requests";

    private final SandboxOptions options;
    private final SandboxNetwork net;
    private final List<AutoCloseable> started = new ArrayList<>();
    private boolean closed;
    private final Map<String, Duration> readyAfter = new LinkedHashMap<>();
    private final Pki pki;
    private final String botToken;
    private final String hrApiKey;
    private final String jiraToken;
    private final String jiraWebhookSecret;
    private final String cryptoKeys;
    private final String hmacKey;
    private final Ports ports;
    private EmbeddedDatabase database;
    private TelegramStandIn telegram;
    private DirectoryStandIn directory;
    private HrStandIn hr;
    private JiraStandIn jira;
    private ManagedProcess agent;
    private ManagedProcess bot;
    private URI jiraPageUrl;

    private Sandbox(SandboxOptions options) {
        this.options = options;
        try {
            Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.net = options.network();
        this.pki = Pki.generate(options.workDir().resolve("pki"), net.serverAddresses());
        this.botToken = RANDOM.nextInt(100_000_000, 999_999_999) + ":SANDBOX" + randomToken(24);
        this.hrApiKey = randomToken(32);
        this.jiraToken = randomToken(32);
        this.jiraWebhookSecret = randomToken(32);
        this.cryptoKeys = "1:" + Base64.getEncoder().encodeToString(randomBytes(32));
        this.hmacKey = Base64.getEncoder().encodeToString(randomBytes(32));
        this.ports = options.randomPorts() ? Ports.random() : Ports.fixed();
    }

    /** Starts everything and returns once the agent and the bot report ready. */
    public static Sandbox start(SandboxOptions options) {
        return prepare(options).startAll();
    }

    /**
     * A sandbox with its certificates and secrets, nothing started yet: the sandbox command hooks {@link #close()}
     * to Ctrl+C before {@link #startAll()}, so that stopping during the start leaves nothing running either.
     */
    public static Sandbox prepare(SandboxOptions options) {
        return new Sandbox(options);
    }

    /**
     * Starts everything and returns once the agent and the bot report ready (the stand-ins only, with
     * {@link SandboxOptions#withExternalProcesses}); on failure stops what started.
     */
    public Sandbox startAll() {
        try {
            startEverything();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startEverything() {
        database = remember(EmbeddedDatabase.start(net.database(), ports.postgres, pki));
        telegram = remember(TelegramStandIn.start(net.telegram(), ports.telegram, botToken));
        directory = remember(DirectoryStandIn.start(pki, net.services(), ports.ldaps));
        hr = remember(HrStandIn.start(pki, net.services(), ports.hr, hrApiKey));
        // Jira's webhooks go to the agent's webhook listener; until the agent is up they are retried
        jira = remember(JiraStandIn.start(pki, net.services(), ports.jira,
                JiraStandIn.Options.dataCenter(jiraToken).withWebhook(agentWebhookUrl(), jiraWebhookSecret)
                        .withPastRequests(Integer.getInteger(PAST_REQUESTS_PROPERTY, JiraStandIn.DEFAULT_PAST_REQUESTS))
                        .withWebhookTls(null, null, options.startsProcesses() ? pki.caCert()
                                : options.externalAgentCa())));
        // the requests page also on plain HTTP, so that a browser needs no exception for the sandbox CA
        jiraPageUrl = URI.create(jira.startConsole(ports.jiraConsole));
        if (options.startsProcesses()) {
            startAgent();
            startBot();
        }
    }

    /** Starts (or restarts, after {@link #agent()}.kill()) the agent process. */
    public ManagedProcess startAgent() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.http.ssl-port", String.valueOf(ports.agentHttps));
        p.put("quarkus.management.port", String.valueOf(ports.agentManagement));
        if (!net.agent().isLoopbackAddress()) {
            p.put("quarkus.management.host", "0.0.0.0");
        }
        p.put("agent.tls.cert", pki.agentCert().toString());
        p.put("agent.tls.key", pki.agentKey().toString());
        p.put("agent.tls.client-ca", pki.caCert().toString());
        p.put("agent.jwt.sign-key", pki.jwtPrivateKey().toString());
        p.put("agent.jwt.verify-key", pki.jwtPublicKey().toString());
        String services = SandboxNetwork.host(net.services(), "localhost");
        p.put("agent.ldap.url", "ldaps://" + services + ":" + directory.port());
        p.put("agent.ldap.bind-dn", directory.bindDn());
        p.put("agent.ldap.base-dn", directory.baseDn());
        p.put("agent.ldap.trust-certs", pki.caCert().toString());
        p.put("agent.roles.specialist-groups", directory.specialistGroupDn());
        p.put("agent.roles.supervisor-groups", directory.supervisorGroupDn());
        p.put("agent.hr.url", "https://" + services + ":" + hr.port());
        p.put("agent.hr.trust-certs", pki.caCert().toString());
        p.put("agent.jira.url", "https://" + services + ":" + jira.port());
        p.put("agent.jira.flavour", "data-center");
        p.put("agent.jira.service-desk-id", jira.serviceDeskId());
        // the zone the stand-in reads JQL dates in, as a Jira account's profile zone would be
        p.put("agent.jira.time-zone", jira.options().zone().getId());
        p.put("agent.jira.trust-certs", pki.caCert().toString());
        p.put("agent.jira.events", "webhook");
        p.put("agent.jira.webhook.host", net.agent().isLoopbackAddress() ? "127.0.0.1" : "0.0.0.0");
        p.put("agent.jira.webhook.port", String.valueOf(ports.agentWebhook));
        p.putAll(options.agentProperties());
        Map<String, String> env = Map.of(
                "AGENT_LDAP_BIND_PASSWORD", directory.bindPassword(),
                "AGENT_HR_API_KEY", hrApiKey,
                "AGENT_JIRA_TOKEN", jiraToken,
                "AGENT_JIRA_WEBHOOK_SECRET", jiraWebhookSecret);
        agent = remember(ManagedProcess.start("agent", net.agentLauncher(),
                options.root().resolve("internal-agent/target/quarkus-app/quarkus-run.jar"), p, env,
                options.workDir().resolve("logs/agent.log"), options.jvmOptions()));
        readyAfter.put("agent", agent.awaitReady(agentHealthUrl(), options.startTimeout()));
        return agent;
    }

    /** Starts (or restarts, after {@link #bot()}.kill()) the bot process. */
    public ManagedProcess startBot() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.http.port", String.valueOf(ports.botHttp));
        p.put("quarkus.management.port", String.valueOf(ports.botManagement));
        if (!net.bot().isLoopbackAddress()) {
            p.put("quarkus.management.host", "0.0.0.0");
        }
        p.put("bot.telegram.api-url", "http://" + SandboxNetwork.host(net.telegram(), "127.0.0.1") + ":"
                + telegram.port());
        p.put("bot.telegram.mode", options.telegramMode());
        if ("webhook".equals(options.telegramMode())) {
            p.put("bot.telegram.webhook-url", "http://" + SandboxNetwork.host(net.bot(), "127.0.0.1") + ":"
                    + ports.botHttp + "/telegram/webhook");
        }
        p.put("bot.agent.url", agentApiUrl().toString());
        p.put("bot.agent.client-cert", pki.botCert().toString());
        p.put("bot.agent.client-key", pki.botKey().toString());
        p.put("bot.agent.trust-ca", pki.caCert().toString());
        p.put("quarkus.datasource.jdbc.url", database.jdbcUrl(SandboxNetwork.host(net.database(), "localhost")));
        p.put("quarkus.datasource.username", database.username());
        p.putAll(options.botProperties());
        Map<String, String> env = new HashMap<>();
        env.put("BOT_TELEGRAM_TOKEN", botToken);
        env.put("BOT_TELEGRAM_WEBHOOK_SECRET", randomToken(32));
        env.put("BOT_CRYPTO_KEYS", cryptoKeys);
        env.put("BOT_CRYPTO_ACTIVE_KEY_ID", "1");
        env.put("BOT_CRYPTO_HMAC_KEY", hmacKey);
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        bot = remember(ManagedProcess.start("bot", net.botLauncher(),
                options.root().resolve("dmz-bot/target/quarkus-app/quarkus-run.jar"), p, env,
                options.workDir().resolve("logs/bot.log"), options.jvmOptions()));
        readyAfter.put("bot", bot.awaitReady(botHealthUrl(), options.startTimeout()));
        return bot;
    }

    /** The Telegram stand-in's chat page: talk to the bot as any seeded person. */
    public URI chatPageUrl() {
        return URI.create(telegram.chatPageUrl());
    }

    /** The Jira stand-in's requests page on its plain-HTTP loopback console (also at {@code jira().pageUrl()}). */
    public URI jiraPageUrl() {
        return jiraPageUrl;
    }

    public URI agentHealthUrl() {
        return URI.create("http://" + agentHost("127.0.0.1") + ":" + ports.agentManagement + "/q/health/ready");
    }

    public URI botHealthUrl() {
        return URI.create("http://" + botHost() + ":" + ports.botManagement + "/q/health/ready");
    }

    public URI agentApiUrl() {
        return URI.create("https://" + agentHost("localhost") + ":" + ports.agentHttps);
    }

    /** Where the Jira stand-in posts its webhooks: the agent's webhook listener. */
    public URI agentWebhookUrl() {
        return URI.create("https://" + agentHost("127.0.0.1") + ":" + ports.agentWebhook + "/jira/webhook");
    }

    public URI agentMetricsUrl() {
        return URI.create("http://" + agentHost("127.0.0.1") + ":" + ports.agentManagement + "/q/metrics");
    }

    public URI botMetricsUrl() {
        return URI.create("http://" + botHost() + ":" + ports.botManagement + "/q/metrics");
    }

    private String agentHost(String loopbackName) {
        return SandboxNetwork.host(net.agent(), loopbackName);
    }

    private String botHost() {
        return SandboxNetwork.host(net.bot(), "127.0.0.1");
    }

    /**
     * The secrets the stand-ins were started with, for an agent and a bot started elsewhere
     * ({@link SandboxOptions#withExternalProcesses}): the bot's Telegram token, and the HR key, Jira token and Jira
     * webhook secret the agent needs. The directory's password is {@link DirectoryStandIn#bindPassword()}.
     */
    public StandInSecrets standInSecrets() {
        return new StandInSecrets(botToken, hrApiKey, jiraToken, jiraWebhookSecret);
    }

    /** See {@link #standInSecrets()}. */
    public record StandInSecrets(String telegramBotToken, String hrApiKey, String jiraToken, String jiraWebhookSecret) {
    }

    public Pki pki() {
        return pki;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    public TelegramStandIn telegram() {
        return telegram;
    }

    public DirectoryStandIn directory() {
        return directory;
    }

    public HrStandIn hr() {
        return hr;
    }

    public JiraStandIn jira() {
        return jira;
    }

    public ManagedProcess agent() {
        return agent;
    }

    public ManagedProcess bot() {
        return bot;
    }

    /** How long each process took from launch to ready, in start order (PERF5 reads this). */
    public Map<String, Duration> readyAfter() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(readyAfter));
    }

    /** Stops the bot, the agent and the stand-ins, the database last; also while {@link #startAll()} is running. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (started) {
            closed = true;
            toClose = new ArrayList<>(started);
            started.clear();
        }
        closeQuietly(bot);
        closeQuietly(agent);
        for (int i = toClose.size() - 1; i >= 0; i--) {
            closeQuietly(toClose.get(i));
        }
    }

    /** Keeps a started part for {@link #close()}; one that starts after close() is stopped at once. */
    private <T extends AutoCloseable> T remember(T resource) {
        synchronized (started) {
            if (!closed) {
                started.add(resource);
                return resource;
            }
        }
        closeQuietly(resource);
        throw new IllegalStateException("the sandbox was stopped while starting");
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("sandbox: closing " + c + " failed: " + e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String randomToken(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    /** The ports of this sandbox, known from {@link #prepare} on: a firewall can be set up before the start. */
    public Ports ports() {
        return ports;
    }

    /** The sandbox's ports: fixed ones for people (stable addresses), random free ones for tests. */
    public record Ports(int telegram, int ldaps, int hr, int jira, int postgres, int agentHttps,
                         int agentManagement, int agentWebhook, int botHttp, int botManagement, int jiraConsole) {

        static Ports fixed() {
            return new Ports(18080, 10636, 18444, 18445, 15432, 18443, 19001, 18446, 18081, 19000, 18090);
        }

        /** Distinct free ports: all sockets stay open until every port is chosen, so none is handed out twice. */
        static Ports random() {
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 11; i++) {
                    sockets.add(new ServerSocket(0));
                }
                int[] p = sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
                return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                for (ServerSocket socket : sockets) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // closing a probe socket cannot lose anything
                    }
                }
            }
        }
    }
}
