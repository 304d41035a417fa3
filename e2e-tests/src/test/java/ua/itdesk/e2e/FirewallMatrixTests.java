package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The firewall matrix file against its Markdown table and the nftables rules made from it. */
class FirewallMatrixTests {

    private static final Path ROOT = Path.of(System.getProperty("itdesk.root", "..")).toAbsolutePath().normalize();
    private static final FirewallMatrix MATRIX = FirewallMatrix.load(ROOT);

    @Test
    void readmeTableIsTheMatrix() throws IOException {
        String readme = Files.readString(ROOT.resolve("deploy/README.md"));
        String section = readme.substring(readme.indexOf("## Firewall matrix"));
        String table = section.lines().dropWhile(l -> !l.startsWith("|")).takeWhile(l -> l.startsWith("|"))
                .collect(Collectors.joining("\n", "", "\n"));

        assertThat(table).as("deploy/README.md's table, rendered from deploy/firewall-matrix.json; paste:%n%s",
                MATRIX.markdownTable()).isEqualTo(MATRIX.markdownTable());
    }

    /** Z1, Z3: one rule across the boundary, and the DMZ opens nothing else in the internal zone. */
    @Test
    void theOnlyConnectionFromTheDmzIntoTheInternalZoneIsTheBotToTheAgent() {
        List<String> crossing = MATRIX.rules().stream()
                .filter(r -> MATRIX.parties().get(r.source()).zone().equals("dmz")
                        && MATRIX.parties().get(r.destination()).zone().equals("internal"))
                .map(FirewallMatrix.Rule::id).toList();

        assertThat(crossing).containsExactly("bot-to-agent");
    }

    @Test
    void placedRulesBecomeAcceptsOfTheirPortAndEverythingElseIsRejected() throws Exception {
        InetAddress bot = InetAddress.getByName("10.9.1.2");
        InetAddress agent = InetAddress.getByName("10.9.2.2");
        InetAddress monitoring = InetAddress.getByName("10.9.3.30");

        String rules = MATRIX.nftables("itdesk_test", Map.of("dmz-bot", bot, "internal-agent", agent,
                "monitoring", monitoring), Map.of("bot-to-agent", 18443, "monitoring-to-bot", 19000,
                "monitoring-to-agent", 19001));

        assertThat(rules.lines().filter(l -> l.contains("accept") && l.contains("saddr")).map(String::strip))
                .containsExactly(
                        "ip saddr 10.9.1.2 ip daddr 10.9.2.2 tcp dport 18443 ct state new counter accept",
                        "ip saddr 10.9.3.30 ip daddr 10.9.1.2 tcp dport 19000 ct state new counter accept",
                        "ip saddr 10.9.3.30 ip daddr 10.9.2.2 tcp dport 19001 ct state new counter accept");
        assertThat(rules).contains("policy drop;", "# agent-to-jira: not placed here (jira), so denied");
        // the reject comes after every accept of its chain
        assertThat(rules.indexOf(FirewallMatrix.REJECT)).isGreaterThan(rules.lastIndexOf("new counter accept"));
    }

    @Test
    void aPlacedRuleWithoutAPortIsAnError() throws Exception {
        InetAddress a = InetAddress.getByName("10.9.1.2");

        assertThatThrownBy(() -> MATRIX.nftables("t", Map.of("dmz-bot", a, "internal-agent", a), Map.of()))
                .hasMessageContaining("bot-to-agent");
    }

    @Test
    void aRuleNamingAnUnknownPartyIsRefused() {
        assertThatThrownBy(() -> new FirewallMatrix(Map.of("dmz-bot", new FirewallMatrix.Party("dmz-bot", "dmz")),
                List.of(new FirewallMatrix.Rule("x", "dmz-bot", "ldap", 636, "agent.ldap.url", "LDAPS", "why"))))
                .hasMessageContaining("unknown party ldap");
    }
}
