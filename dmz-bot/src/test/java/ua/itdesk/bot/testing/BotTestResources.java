package ua.itdesk.bot.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import ua.itdesk.sandbox.db.EmbeddedDatabase;
import ua.itdesk.sandbox.pki.Pki;
import ua.itdesk.sandbox.telegram.TelegramStandIn;

/**
 * The bot's world for a test run: the embedded PostgreSQL, the Telegram stand-in, a fresh PKI for the mTLS client
 * and encryption keys made now. By default the agent URL points at a port where nothing listens: these tests prove
 * what the bot does on its own; logins through a real agent are the end-to-end tests' business.
 *
 * <p>Init arguments: {@code mode}, {@code webhook} (default; the stand-in posts updates to the bot) or
 * {@code long-polling}; {@code agent}, {@code none} (default) or {@code fake}: a {@link FakeAgent} over mTLS whose
 * answers the test scripts, reachable as {@link BotSandbox#agent()}.
 */
public class BotTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String MODE = "mode";
    public static final String AGENT = "agent";
    public static final int RATE_LIMIT = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private String mode = "webhook";
    private Path dir;
    private EmbeddedDatabase database;
    private TelegramStandIn telegram;
    private String webhookSecret;
    private boolean fakeAgent;
    private FakeAgent agent;

    @Override
    public void init(Map<String, String> initArgs) {
        mode = initArgs.getOrDefault(MODE, mode);
        fakeAgent = "fake".equals(initArgs.get(AGENT));
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("dmz-bot-test-pki");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pki pki = Pki.generate(dir);
        database = EmbeddedDatabase.start(0);
        String token = "7000000001:" + HexFormat.of().formatHex(random(16));
        telegram = TelegramStandIn.start(0, token);

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.username());
        config.put("quarkus.datasource.password", database.password());
        config.put("bot.telegram.token", token);
        config.put("bot.telegram.api-url", telegram.baseUrl());
        config.put("bot.telegram.mode", mode);
        if (fakeAgent) {
            agent = FakeAgent.start(pki);
            config.put("bot.agent.url", agent.url());
        } else {
            config.put("bot.agent.url", "https://127.0.0.1:" + freePort());
        }
        config.put("bot.agent.client-cert", pki.botCert().toString());
        config.put("bot.agent.client-key", pki.botKey().toString());
        config.put("bot.agent.trust-ca", pki.caCert().toString());
        config.put("bot.crypto.keys", "1:" + base64(random(32)) + ",2:" + base64(random(32)));
        config.put("bot.crypto.active-key-id", "2");
        config.put("bot.crypto.hmac-key", base64(random(32)));
        // low enough for a test to exceed quickly, high enough for every other test's pace
        config.put("bot.rate-limit.per-user-per-second", Integer.toString(RATE_LIMIT));
        // flows answer with several messages at once, the fuzz test with thousands; Telegram's own limits (30 a
        // second, one per chat) are proven by OutgoingMessagesTests, here they would only slow every test down
        config.put("bot.telegram.outgoing.per-chat-per-second", "20");
        config.put("bot.telegram.outgoing.global-per-second", "200");
        if ("webhook".equals(mode)) {
            int port = freePort();
            webhookSecret = HexFormat.of().formatHex(random(24));
            config.put("quarkus.http.test-port", Integer.toString(port));
            config.put("bot.telegram.webhook-url", "http://127.0.0.1:" + port + "/telegram/webhook");
            config.put("bot.telegram.webhook-secret", webhookSecret);
        } else {
            config.put("quarkus.http.test-port", "0");
            config.put("bot.telegram.poll-timeout", "PT5S");
        }
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(new BotSandbox(telegram, webhookSecret, agent, database),
                new TestInjector.AnnotatedAndMatchesType(InjectBotSandbox.class, BotSandbox.class));
    }

    @Override
    public void stop() {
        if (agent != null) {
            agent.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        if (database != null) {
            database.close();
        }
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }

    /** A port nothing listens on once this returns (good enough on a test machine). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
