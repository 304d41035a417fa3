package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.jira.WebhookDelivery;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.launcher.SandboxOptions;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * The runbooks, followed: {@code deploy/pki/make-certs.sh} makes the deployment's certificates, then both zones are
 * installed and started as {@code deploy/internal/README.md} and {@code deploy/dmz/README.md} say (their install
 * blocks and "Without systemd" commands, taken from the READMEs and run by bash under a temporary root instead of
 * {@code /}), with the environment templates edited as an operator would, against the sandbox's stand-ins. An
 * employee then logs in through the Telegram stand-in. When a README's commands or a template no longer bring a zone
 * up, this fails.
 */
class RunbookIT {

    private static final Path CHECKOUT = Path.of(System.getProperty("itdesk.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = CHECKOUT.resolve("e2e-tests/target/runbook");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The unit's TimeoutStopSec: how long systemd waits for an orderly stop. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void bothZonesInstalledByTheirReadmesLetAnEmployeeLogIn(@TempDir Path tmp) throws Exception {
        Path pki = tmp.resolve("itdesk-pki");
        run(LOGS.resolve("make-certs.log"), CHECKOUT, "deploy/pki/make-certs.sh", pki.toString(), "localhost");

        try (Sandbox standIns = Sandbox.start(SandboxOptions.forTests(CHECKOUT, tmp.resolve("sandbox"))
                .withExternalProcesses(pki.resolve("ca.crt")))) {
            Path root = Files.createDirectories(tmp.resolve("root"));
            ZoneRunbook internal = new ZoneRunbook(CHECKOUT, "internal", "itdesk-internal-agent.service", root);
            ZoneRunbook dmz = new ZoneRunbook(CHECKOUT, "dmz", "itdesk-dmz-bot.service", root);
            assertThat(internal.runBlock()).as("internal README: the command the unit runs")
                    .isEqualTo(internal.unitAsShell());
            assertThat(dmz.runBlock()).as("DMZ README: the command the unit runs").isEqualTo(dmz.unitAsShell());

            Path desk = operatorsDesk(tmp.resolve("desk"), standIns);
            internal.install(desk, pki, LOGS.resolve("install-internal.log"));
            dmz.install(desk, pki, LOGS.resolve("install-dmz.log"));
            clearDesk(desk);
            Sandbox.Ports ports = standIns.ports();
            configureAgent(internal, standIns, ports);
            configureBot(dmz, standIns, ports);

            List<Process> started = new ArrayList<>();
            try {
                Process agent = internal.start(fresh(LOGS.resolve("agent.log")));
                started.add(agent);
                Process bot = dmz.start(fresh(LOGS.resolve("bot.log")));
                started.add(bot);
                awaitReady("agent", agent, internal.readiness(ports.agentManagement()));
                awaitReady("bot", bot, dmz.readiness(ports.botManagement()));

                SeedPerson employee = SeedPeople.all().stream()
                        .filter(p -> p.canLogIn() && p.role().equals("employee")).skip(1).findFirst().orElseThrow();
                SentMessage menu = Conversation.of(standIns.telegram(), employee).logInToMenu(employee);

                assertThat(menu.buttonTexts()).as("the employee's menu after login: %s", menu)
                        .containsAnyOf("Нова заявка", "New request");
                assertThat(loginOutcomes(standIns, employee)).as("the bot's audit in its database")
                        .containsExactly("SUCCESS");
                assertJiraWebhooksReachTheAgent(standIns.jira());
                // what the READMEs tell ops to look for in the journal
                assertThat(Files.readAllLines(LOGS.resolve("agent.log"))).as("agent: JSON lines")
                        .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"))
                        .anySatisfy(line -> assertThat(line).contains("phone index rebuilt"));
                assertThat(Files.readString(LOGS.resolve("bot.log"))).as("bot: features, then the mode")
                        .contains("Installed features").contains("long polling started");
            } finally {
                stop(started);
            }
            assertThat(started).as("both stopped in order (SuccessExitStatus=143 of the units)")
                    .allSatisfy(p -> assertThat(p.exitValue()).isIn(0, 143));
            assertThat(List.of(ports.agentHttps(), ports.agentManagement(), ports.agentWebhook(), ports.botHttp(),
                    ports.botManagement())).as("nothing listens on the zones' ports any more")
                    .allSatisfy(port -> assertThat(canBind(port)).as("port %d free", port).isTrue());
        }
    }

    /**
     * Jira's webhooks (the default on Data Center) arrive at the listener the runbook configured: its port, its
     * secret, and the agent's certificate from {@code make-certs.sh}, which Jira trusts through the deployment CA.
     */
    private static void assertJiraWebhooksReachTheAgent(JiraStandIn jira) {
        JiraRequest request = jira.requests().get(0);
        jira.addPublicComment(request.key(), jira.workloads().get(0).login(), "Runbook check");

        assertThat(jira.awaitWebhooks(Duration.ofSeconds(20))).as("webhooks settled").isTrue();
        WebhookDelivery last = jira.webhookDeliveries().get(jira.webhookDeliveries().size() - 1);
        assertThat(last.issueKey()).isEqualTo(request.key());
        assertThat(last.outcome()).as("%s", last.attempts()).isEqualTo(WebhookDelivery.Outcome.DELIVERED);
    }

    /**
     * The operator's working folder: the checkout's {@code deploy/} and built modules, and the CA certificates of
     * the directory, HR, Jira and the DMZ database that the READMEs install from there (here all the sandbox's CA).
     */
    private static Path operatorsDesk(Path desk, Sandbox standIns) throws IOException {
        Files.createDirectories(desk);
        for (String entry : List.of("deploy", "internal-agent", "dmz-bot")) {
            Files.createSymbolicLink(desk.resolve(entry), CHECKOUT.resolve(entry));
        }
        for (String trust : List.of("ad-ca.crt", "hr-ca.crt", "jira-ca.crt", "db-ca.crt")) {
            Files.copy(standIns.pki().caCert(), desk.resolve(trust));
        }
        return desk;
    }

    /** The links into the checkout, which the temporary folder's clean-up would only warn about. */
    private static void clearDesk(Path desk) throws IOException {
        for (String entry : List.of("deploy", "internal-agent", "dmz-bot")) {
            Files.delete(desk.resolve(entry));
        }
    }

    /** "Edit agent.env (directory, HR, Jira, groups) and fill in secrets.env"; free ports instead of the defaults. */
    private static void configureAgent(ZoneRunbook zone, Sandbox standIns, Sandbox.Ports ports) throws IOException {
        Path etc = Path.of(zone.relocate("/etc/itdesk/internal-agent"));
        EnvFile env = EnvFile.read(etc.resolve("agent.env")).editValues(zone::relocate)
                .set("QUARKUS_HTTP_SSL_PORT", String.valueOf(ports.agentHttps()))
                .set("QUARKUS_MANAGEMENT_PORT", String.valueOf(ports.agentManagement()))
                .set("AGENT_LDAP_URL", standIns.directory().ldapsUrl())
                .set("AGENT_LDAP_BIND_DN", standIns.directory().bindDn())
                .set("AGENT_LDAP_BASE_DN", standIns.directory().baseDn())
                .set("AGENT_ROLES_SPECIALIST_GROUPS", standIns.directory().specialistGroupDn())
                .set("AGENT_ROLES_SUPERVISOR_GROUPS", standIns.directory().supervisorGroupDn())
                .set("AGENT_HR_URL", standIns.hr().baseUrl())
                .set("AGENT_JIRA_URL", standIns.jira().baseUrl())
                .set("AGENT_JIRA_SERVICE_DESK_ID", standIns.jira().serviceDeskId())
                .set("AGENT_JIRA_TRUST_CERTS", etc.resolve("pki/jira-ca.crt").toString())
                .set("AGENT_JIRA_WEBHOOK_PORT", String.valueOf(ports.agentWebhook()));
        env.write();
        Sandbox.StandInSecrets secrets = standIns.standInSecrets();
        EnvFile.read(etc.resolve("secrets.env"))
                .set("AGENT_LDAP_BIND_PASSWORD", standIns.directory().bindPassword())
                .set("AGENT_HR_API_KEY", secrets.hrApiKey())
                .set("AGENT_JIRA_TOKEN", secrets.jiraToken())
                .set("AGENT_JIRA_WEBHOOK_SECRET", secrets.jiraWebhookSecret())
                .write();
    }

    /**
     * "Edit dmz-bot.env (the database URL and role, the agent's URL, the mode) and fill in secrets.env"; long polling,
     * as there is no public URL. The database and its role were made by the stand-in, as a DBA would make them (the
     * README's createuser and createdb); it serves TLS with a certificate of the sandbox CA.
     */
    private static void configureBot(ZoneRunbook zone, Sandbox standIns, Sandbox.Ports ports) throws IOException {
        Path etc = Path.of(zone.relocate("/etc/itdesk/dmz-bot"));
        EnvFile env = EnvFile.read(etc.resolve("dmz-bot.env")).editValues(zone::relocate);
        // the database's host and port; TLS, its verification and the CA file stay as the template has them
        env.set("QUARKUS_DATASOURCE_JDBC_URL", env.get("QUARKUS_DATASOURCE_JDBC_URL")
                        .replaceFirst("^jdbc:postgresql://[^/]+/", "jdbc:postgresql://localhost:"
                                + standIns.database().port() + "/"))
                .set("QUARKUS_DATASOURCE_USERNAME", standIns.database().username())
                .set("QUARKUS_HTTP_PORT", String.valueOf(ports.botHttp()))
                .set("QUARKUS_MANAGEMENT_PORT", String.valueOf(ports.botManagement()))
                .set("BOT_TELEGRAM_API_URL", standIns.telegram().baseUrl())
                .set("BOT_TELEGRAM_MODE", "long-polling")
                .set("BOT_AGENT_URL", "https://localhost:" + ports.agentHttps())
                .write();
        EnvFile.read(etc.resolve("secrets.env"))
                .set("BOT_TELEGRAM_TOKEN", standIns.standInSecrets().telegramBotToken())
                // "keys for a new deployment: head -c 32 /dev/urandom | base64, each its own"
                .set("BOT_CRYPTO_KEYS", "1:" + newKey())
                .set("BOT_CRYPTO_HMAC_KEY", newKey())
                .set("QUARKUS_DATASOURCE_PASSWORD", standIns.database().password())
                .write();
    }

    /** Polls the endpoint the README names until it answers 200; fails at once when the process has ended. */
    private static void awaitReady(String name, Process process, URI readiness) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended with " + process.exitValue() + "; see " + LOGS);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready at " + readiness + " after " + START_TIMEOUT + ": " + last
                + "; see " + LOGS);
    }

    /** SIGTERM as systemd sends it, the bot first; forcibly after the unit's stop timeout. */
    private static void stop(List<Process> processes) throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> loginOutcomes(Sandbox standIns, SeedPerson person) throws Exception {
        List<String> outcomes = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(standIns.database().jdbcUrl(),
                standIns.database().username(), standIns.database().password());
             PreparedStatement q = db.prepareStatement("SELECT outcome FROM system_log WHERE telegram_user_id = ? "
                     + "AND event_type = 'LOGIN' ORDER BY id")) {
            q.setLong(1, person.telegramUserId());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    outcomes.add(rs.getString(1));
                }
            }
        }
        return outcomes;
    }

    private static void run(Path log, Path dir, String... command) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed; see " + log);
        }
    }

    private static Path fresh(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        return log;
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
