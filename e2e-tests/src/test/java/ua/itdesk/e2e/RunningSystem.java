package ua.itdesk.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.launcher.SandboxOptions;

/**
 * Starts the system once for all scenarios of a run (stand-ins in this JVM, agent and bot as the packaged
 * processes), the same way the sandbox command does, and stops it when the run ends.
 */
public final class RunningSystem implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RunningSystem.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sandbox(context);
    }

    private static Sandbox sandbox(ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent("sandbox", key -> new Holder(start()), Holder.class).sandbox;
    }

    private static Sandbox start() {
        Path root = Path.of(System.getProperty("itdesk.root", "..")).toAbsolutePath().normalize();
        Path work;
        try {
            work = Files.createTempDirectory(root.resolve("e2e-tests/target"), "system-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // the scenarios wait for the jobs that a production setting runs every few minutes
        return Sandbox.start(SandboxOptions.forTests(root, work).withBotProperties(Map.ofEntries(
                Map.entry("bot.events.reconcile-every", "PT3S"),
                Map.entry("bot.requests.queue-interval", "PT1S"),
                Map.entry("bot.requests.retry-backoff", "PT1S"),
                Map.entry("bot.requests.retry-max-backoff", "PT3S"),
                // after the database returns, updates are fetched again within seconds
                Map.entry("bot.telegram.poll-max-backoff", "PT4S"),
                // the flows, not Telegram's pacing (OutgoingMessagesTests proves that at the real limits); and after
                // a bot is killed its chats wait for the lease of the message it had in hand
                Map.entry("bot.telegram.outgoing.per-chat-per-second", "10"),
                Map.entry("bot.telegram.outgoing.lease", "PT10S"),
                // consultations: offers and idle chats lapse within a scenario (an offer outlives a bot restart on a busy
                // machine), chats reach Jira within seconds
                Map.entry("bot.consultation.offer-timeout", "PT25S"),
                Map.entry("bot.consultation.idle-timeout", "PT30S"),
                Map.entry("bot.consultation.tick", "PT1S"),
                Map.entry("bot.consultation.sync.sync-delay", "PT1S"),
                Map.entry("bot.consultation.sync.sync-max-delay", "PT3S"),
                Map.entry("bot.consultation.sync.interval", "PT1S"),
                Map.entry("bot.consultation.sync.backoff", "PT1S"),
                Map.entry("bot.consultation.sync.max-backoff", "PT3S"))));
    }

    /** A JDBC connection to the bot's DMZ database, as an operator (or an attacker with the disk) would see it. */
    static Connection database(Sandbox sandbox) throws SQLException {
        return DriverManager.getConnection(sandbox.database().jdbcUrl(), sandbox.database().username(),
                sandbox.database().password());
    }

    private record Holder(Sandbox sandbox) implements AutoCloseable {
        @Override
        public void close() {
            sandbox.close();
        }
    }
}
