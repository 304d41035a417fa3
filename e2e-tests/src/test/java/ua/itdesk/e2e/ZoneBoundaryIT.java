package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import ua.itdesk.e2e.ZoneNetwork.Reach;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.launcher.SandboxOptions;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * Z5: the bot in the DMZ's network namespace, the agent in the internal zone's, the stand-ins behind a router that
 * forwards only what {@code deploy/firewall-matrix.json} allows (see {@link ZoneNetwork}). From the bot's
 * namespace the agent's API, the Telegram stand-in and the DMZ database answer, Jira, the directory, HR and the
 * agent's other listeners are rejected by the firewall, and a person still logs in and files a request that lands
 * in Jira. Needs root, iproute2 and nftables; skips, saying so, elsewhere.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZoneBoundaryIT {

    private static final Path ROOT = Path.of(System.getProperty("itdesk.root", "..")).toAbsolutePath().normalize();

    /** Why the zones cannot be built here, or null; each test then reports itself skipped with this reason. */
    private static String unavailable;
    private static ZoneNetwork network;
    private static Sandbox sandbox;

    @BeforeAll
    static void startTheZones() throws Exception {
        unavailable = ZoneNetwork.whyUnavailable().orElse(null);
        if (unavailable != null) {
            System.out.println("zones: skipped, " + unavailable);
            return;
        }
        ZoneNetwork.removeLeftovers();
        Instant begin = Instant.now();
        network = ZoneNetwork.create();
        Path work = Files.createTempDirectory(ROOT.resolve("e2e-tests/target"), "zones-");
        Sandbox prepared = Sandbox.prepare(SandboxOptions.forTests(ROOT, work)
                .withNetwork(network.sandboxNetwork()));
        try {
            // the rules are in place before anything starts: starting up needs nothing the matrix does not allow
            network.applyFirewall(FirewallMatrix.load(ROOT), portsByRule(prepared.ports()));
            sandbox = prepared.startAll();
        } catch (RuntimeException | Error e) {
            prepared.close();
            network.close();
            throw e;
        }
        System.out.printf("zones: network and system up in %d ms (%s)%n",
                Duration.between(begin, Instant.now()).toMillis(), sandbox.readyAfter());
    }

    @BeforeEach
    void needsTheZones() {
        assumeTrue(unavailable == null, () -> "zone-boundary test skipped: " + unavailable);
    }

    @AfterAll
    static void stopTheZones() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (network != null) {
            System.out.println("zones: firewall at the end of the run:\n" + network.firewallState());
            network.close();
        }
    }

    @Test
    @Order(2)
    void botNamespaceReachesTheAgentApiTelegramAndItsDatabase() {
        Sandbox.Ports ports = sandbox.ports();
        InetAddress agent = network.agent();
        Map<String, Reach> seen = new LinkedHashMap<>();
        seen.put("agent API", probeFromDmz(agent, ports.agentHttps()));
        seen.put("Telegram", probeFromDmz(network.sandboxNetwork().telegram(), ports.telegram()));
        seen.put("PostgreSQL", probeFromDmz(network.sandboxNetwork().database(), ports.postgres()));

        assertThat(seen).containsOnly(Map.entry("agent API", Reach.OPEN), Map.entry("Telegram", Reach.OPEN),
                Map.entry("PostgreSQL", Reach.OPEN));
    }

    /**
     * The same ports answer from the agent's namespace, so what the bot's namespace meets is the firewall's
     * rejection (ICMP administratively prohibited), not a closed port.
     */
    @Test
    @Order(3)
    void botNamespaceIsRejectedByJiraDirectoryHrAndTheAgentsOtherListeners() {
        Sandbox.Ports ports = sandbox.ports();
        InetAddress services = network.sandboxNetwork().services();
        Map<String, Reach> fromDmz = new LinkedHashMap<>();
        Map<String, Reach> fromInternal = new LinkedHashMap<>();
        Map<String, Integer> internalServices = Map.of("Jira", ports.jira(), "LDAP", ports.ldaps(),
                "HR", ports.hr());
        internalServices.forEach((name, port) -> {
            fromDmz.put(name, probeFromDmz(services, port));
            fromInternal.put(name, ZoneNetwork.probe(network.internalNamespace(), services, port));
        });
        fromDmz.put("agent management", probeFromDmz(network.agent(), ports.agentManagement()));
        fromDmz.put("agent webhook listener", probeFromDmz(network.agent(), ports.agentWebhook()));
        // the stand-ins' addresses on other ports than their own rule's, e.g. Jira's port on Telegram's address
        fromDmz.put("Jira's port on the Telegram address", probeFromDmz(network.sandboxNetwork().telegram(),
                ports.jira()));

        assertThat(fromDmz).allSatisfy((name, reach) -> assertThat(reach).as(name).isEqualTo(Reach.PROHIBITED));
        assertThat(fromInternal).allSatisfy((name, reach) -> assertThat(reach).as(name).isEqualTo(Reach.OPEN));
    }

    /** First, before any probe: the firewall's reject counter then counts only what the system itself tried. */
    @Test
    @Order(1)
    void loginAndARequestWorkAcrossTheBoundaryWithoutAnyConnectionTheMatrixDenies() {
        SeedPerson employee = SeedPeople.anActiveEmployee();
        Conversation chat = Conversation.of(sandbox.telegram(), employee);
        String summary = "Принтер у зоні " + UUID.randomUUID();

        String key = RequestWizard.fileRequest(chat, "Обладнання", "Середній", summary, null, null);

        JiraRequest created = sandbox.jira().request(key).orElseThrow();
        assertThat(created.summary()).isEqualTo(summary);
        assertThat(created.reporter()).isEqualTo(employee.login());
        assertThat(network.rejectedPackets()).as("packets the firewall rejected while the system started and served "
                + "the flow:%n%s", network.firewallState()).isZero();
    }

    private static Reach probeFromDmz(InetAddress address, int port) {
        return ZoneNetwork.probe(network.dmzNamespace(), address, port);
    }

    /** The port each rule of the matrix uses in this run (free ports, not the production defaults). */
    private static Map<String, Integer> portsByRule(Sandbox.Ports p) {
        return Map.of("bot-to-telegram", p.telegram(), "bot-to-database", p.postgres(),
                "bot-to-agent", p.agentHttps(), "agent-to-directory", p.ldaps(), "agent-to-hr", p.hr(),
                "agent-to-jira", p.jira(), "jira-webhooks-to-agent", p.agentWebhook(),
                "monitoring-to-bot", p.botManagement(), "monitoring-to-agent", p.agentManagement());
    }
}
