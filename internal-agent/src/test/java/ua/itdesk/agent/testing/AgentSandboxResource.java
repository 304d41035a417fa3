package ua.itdesk.agent.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import ua.itdesk.sandbox.directory.DirectoryStandIn;
import ua.itdesk.sandbox.hr.HrStandIn;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.pki.Pki;

/**
 * A fresh PKI, the AD-shaped directory and the HR service on free ports, handed to the agent as its
 * {@code agent.*} configuration. With the init argument {@code directory=down} the agent is pointed at a port
 * where nothing listens, to see how it copes with a dead directory. With {@code jira=data-center} or
 * {@code jira=cloud} a {@link FakeJira} joins, with short retry delays so that resilience tests stay quick;
 * without it the agent runs with Jira not configured. With {@code jira=stand-in-data-center} the sandbox's own
 * {@link JiraStandIn} joins instead and sends signed webhooks to the agent's webhook listener (on a free port);
 * with {@code jira=stand-in-cloud} it plays Jira Cloud and the agent polls it every second.
 */
public class AgentSandboxResource implements QuarkusTestResourceLifecycleManager {

    public static final String DIRECTORY_DOWN = "down";
    public static final String JIRA_DATA_CENTER = "data-center";
    public static final String JIRA_CLOUD = "cloud";
    public static final String JIRA_STAND_IN_DATA_CENTER = "stand-in-data-center";
    public static final String JIRA_STAND_IN_CLOUD = "stand-in-cloud";

    /** Credentials the fake Jira expects; test values, nothing real. */
    /** Init arg: how many finished past requests the Jira stand-in seeds (statistics); none by default. */
    public static final String JIRA_PAST_REQUESTS = "jira-past-requests";
    public static final String JIRA_TOKEN = "test-jira-token-0123456789";
    public static final String JIRA_USER_EMAIL = "itdesk-agent@corp.example.com";
    public static final String JIRA_SERVICE_DESK = "10";

    private boolean directoryDown;
    private String jiraFlavour;
    private int jiraPastRequests;
    private Path dir;
    private Sandbox sandbox;

    @Override
    public void init(Map<String, String> initArgs) {
        directoryDown = DIRECTORY_DOWN.equals(initArgs.get("directory"));
        jiraFlavour = initArgs.get("jira");
        jiraPastRequests = Integer.parseInt(initArgs.getOrDefault(JIRA_PAST_REQUESTS, "0"));
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("agent-test-pki");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pki pki = Pki.generate(dir);
        String apiKey = UUID.randomUUID().toString();
        DirectoryStandIn directory = directoryDown ? null : DirectoryStandIn.start(pki, 0);
        // the agent reaches the directory through a gate that a test can cut, as an outage, and restore
        TcpGate directoryGate = directory == null ? null : TcpGate.open("localhost", directory.port());
        HrStandIn hr = HrStandIn.start(pki, 0, apiKey);
        boolean standIn = JIRA_STAND_IN_DATA_CENTER.equals(jiraFlavour) || JIRA_STAND_IN_CLOUD.equals(jiraFlavour);
        FakeJira jira = jiraFlavour == null || standIn ? null : FakeJira.start(pki);
        URI webhook = JIRA_STAND_IN_DATA_CENTER.equals(jiraFlavour)
                ? URI.create("https://127.0.0.1:" + closedPort() + "/jira/webhook") : null;
        String webhookSecret = webhook == null ? null : UUID.randomUUID().toString();
        JiraStandIn jiraStandIn = !standIn ? null : JiraStandIn.start(pki, 0, JIRA_STAND_IN_CLOUD.equals(jiraFlavour)
                ? JiraStandIn.Options.cloud(JIRA_USER_EMAIL, JIRA_TOKEN)
                : JiraStandIn.Options.dataCenter(JIRA_TOKEN).withWebhook(webhook, webhookSecret)
                        .withWebhookTls(null, null, pki.caCert()).withWebhookRetry(Duration.ofMillis(200), 5)
                        .withPastRequests(jiraPastRequests));
        Path retiredJwtKey = retiredJwtKey(dir);
        sandbox = new Sandbox(pki, directory, hr, jira, jiraStandIn, webhook, webhookSecret, retiredJwtKey,
                directoryGate);

        Map<String, String> config = new HashMap<>();
        config.put("agent.tls.cert", pki.agentCert().toString());
        config.put("agent.tls.key", pki.agentKey().toString());
        config.put("agent.tls.client-ca", pki.caCert().toString());
        config.put("agent.jwt.sign-key", pki.jwtPrivateKey().toString());
        // a rotation in progress: the key signing now, and the previous one whose tokens have not expired yet
        config.put("agent.jwt.verify-key", pki.jwtPublicKey() + "," + retiredJwtKey.resolveSibling(RETIRED_PUBLIC));
        config.put("agent.ldap.url", "ldaps://localhost:" + (directory == null ? closedPort() : directoryGate.port()));
        config.put("agent.ldap.bind-dn", directory == null ? "CN=nobody" : directory.bindDn());
        config.put("agent.ldap.bind-password", directory == null ? "unused" : directory.bindPassword());
        config.put("agent.ldap.trust-certs", pki.caCert().toString());
        config.put("agent.ldap.base-dn", directory == null ? "DC=corp,DC=example,DC=com" : directory.baseDn());
        if (directory != null) {
            config.put("agent.roles.specialist-groups", directory.specialistGroupDn());
            config.put("agent.roles.supervisor-groups", directory.supervisorGroupDn());
        }
        config.put("agent.hr.url", hr.baseUrl());
        config.put("agent.hr.api-key", apiKey);
        config.put("agent.hr.trust-certs", pki.caCert().toString());
        if (jira != null) {
            JiraContract.get(); // parsing Atlassian's files takes seconds: not during the first call under test
            config.put("agent.jira.url", jira.baseUrl());
            config.put("agent.jira.flavour", jiraFlavour);
            config.put("agent.jira.token", JIRA_TOKEN);
            if (JIRA_CLOUD.equals(jiraFlavour)) {
                config.put("agent.jira.user-email", JIRA_USER_EMAIL);
            }
            config.put("agent.jira.trust-certs", pki.caCert().toString());
            config.put("agent.jira.service-desk-id", JIRA_SERVICE_DESK);
            config.put("agent.jira.time-zone", "Europe/Kyiv");
            config.put("agent.jira.read-timeout", "PT2S");
            config.put("agent.jira.max-retries", "2");
            config.put("agent.jira.max-retry-after", "PT2S");
            config.put("ua.itdesk.agent.jira.JiraGuard/call/Retry/delay", "20");
            config.put("agent.jira.events", "none");
        }
        if (jiraStandIn != null) {
            config.put("agent.jira.url", jiraStandIn.baseUrl());
            config.put("agent.jira.token", JIRA_TOKEN);
            config.put("agent.jira.trust-certs", pki.caCert().toString());
            config.put("agent.jira.service-desk-id", jiraStandIn.serviceDeskId());
            config.put("agent.jira.time-zone", jiraStandIn.options().zone().getId());
            config.put("agent.jira.max-retries", "2");
            config.put("agent.jira.max-retry-after", "PT1S");
            config.put("ua.itdesk.agent.jira.JiraGuard/call/Retry/delay", "20");
            // an open breaker lets a probe through after 2 s instead of 30, so that recovery tests stay short
            config.put("agent.jira.read-timeout", "PT3S"); // a lost answer (CreationAfterALostAnswerTests) in 3 s
            config.put("ua.itdesk.agent.jira.JiraGuard/call/CircuitBreaker/delay", "2000");
            config.put("ua.itdesk.agent.jira.JiraGuard/call/CircuitBreaker/delayUnit", "MILLIS");
            config.put("agent.assignment.retry-backoff", "PT0.2S");
            if (webhook != null) {
                config.put("agent.jira.flavour", "data-center");
                config.put("agent.jira.events", "webhook");
                config.put("agent.jira.webhook.host", "127.0.0.1");
                config.put("agent.jira.webhook.port", String.valueOf(webhook.getPort()));
                config.put("agent.jira.webhook.secret", webhookSecret);
                config.put("agent.jira.webhook.max-body-bytes", "65536");
            } else {
                config.put("agent.jira.flavour", "cloud");
                config.put("agent.jira.user-email", JIRA_USER_EMAIL);
                config.put("agent.jira.events", "polling");
                config.put("agent.jira.polling.interval", "PT1S");
            }
        }
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(sandbox,
                new TestInjector.AnnotatedAndMatchesType(InjectSandbox.class, Sandbox.class));
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            if (sandbox.directory() != null) {
                sandbox.directoryGate().close();
                sandbox.directory().close();
            }
            sandbox.hr().close();
            if (sandbox.jira() != null) {
                sandbox.jira().close();
            }
            if (sandbox.jiraStandIn() != null) {
                sandbox.jiraStandIn().close();
            }
        }
        deleteQuietly(dir);
    }

    private static final String RETIRED_PRIVATE = "jwt-retired-private.pem";
    private static final String RETIRED_PUBLIC = "jwt-retired-public.pem";

    /** Writes a second JWT key pair, the one "before the rotation"; answers its private key. */
    private static Path retiredJwtKey(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(dir.resolve(RETIRED_PUBLIC), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return Files.writeString(dir.resolve(RETIRED_PRIVATE), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
