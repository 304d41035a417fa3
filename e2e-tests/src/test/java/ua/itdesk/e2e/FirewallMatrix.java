package ua.itdesk.e2e;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The firewall matrix of {@code deploy/firewall-matrix.json}, the one source of truth for which party may open
 * which connection: rendered as the table of {@code deploy/README.md} (checked by {@code FirewallMatrixTests}) and
 * as the nftables ruleset of the zone-boundary test ({@code ZoneBoundaryIT}).
 */
record FirewallMatrix(Map<String, Party> parties, List<Rule> rules) {

    static final Path FILE = Path.of("deploy", "firewall-matrix.json");

    /** What the nftables reject answers with: a connect fails with "No route to host", unlike a closed port. */
    static final String REJECT = "reject with icmpx type admin-prohibited";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    /** A configuration key such as {@code agent.jira.url}: shown as code in the table. */
    private static final Pattern SETTING_KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");

    FirewallMatrix {
        parties = Map.copyOf(parties);
        rules = List.copyOf(rules);
        Set<String> ids = new HashSet<>();
        for (Rule r : rules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("rule id " + r.id() + " appears twice");
            }
            for (String party : List.of(r.source(), r.destination())) {
                if (!parties.containsKey(party)) {
                    throw new IllegalArgumentException("rule " + r.id() + " names the unknown party " + party);
                }
            }
        }
    }

    /** One end of a connection: who it is (as people call it) and in which zone it lives. */
    record Party(String label, String zone) {
        Party {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(zone, "zone");
        }
    }

    /** {@code source} may open a connection to {@code destination} on {@code port} (the default of {@code setting}). */
    record Rule(String id, String source, String destination, int port, String setting, String protocol,
                String why) {
        Rule {
            Objects.requireNonNull(id, "id");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("rule " + id + ": port " + port + " is not a TCP port");
            }
        }
    }

    @JsonIgnoreProperties("about")
    private record File(Map<String, Party> parties, List<Rule> rules) {
    }

    /** Reads {@code deploy/firewall-matrix.json} under the repository root. */
    static FirewallMatrix load(Path repositoryRoot) {
        try {
            File f = JSON.readValue(repositoryRoot.resolve(FILE).toFile(), File.class);
            return new FirewallMatrix(f.parties(), f.rules());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the firewall matrix " + repositoryRoot.resolve(FILE), e);
        }
    }

    /** The Markdown table of {@code deploy/README.md}, one line per rule, in the file's order. */
    String markdownTable() {
        StringBuilder b = new StringBuilder()
                .append("| source | source zone | destination | destination zone | port | set by | protocol | why |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Rule r : rules) {
            Party from = parties.get(r.source());
            Party to = parties.get(r.destination());
            b.append("| ").append(String.join(" | ", from.label(), from.zone(), to.label(), to.zone(),
                    String.valueOf(r.port()), SETTING_KEY.matcher(r.setting()).replaceAll("`$0`"), r.protocol(),
                    r.why())).append(" |\n");
        }
        return b.toString();
    }

    /**
     * An nftables ruleset for a router between the zones: each rule whose two parties have an address becomes one
     * accept of new TCP connections from the source's address to the destination's address and port; replies pass
     * as established; everything else forwarded is rejected, and nothing may talk to the router itself.
     *
     * @param table     name of the nftables table (inet family)
     * @param addresses address of each party placed in this network; a rule with an unplaced party is left out
     *                  (denied), with a comment saying so
     * @param ports     the port each placed rule uses here, by rule id (tests use free ports, not the defaults)
     */
    String nftables(String table, Map<String, InetAddress> addresses, Map<String, Integer> ports) {
        StringBuilder forward = new StringBuilder();
        for (Rule r : rules) {
            InetAddress from = addresses.get(r.source());
            InetAddress to = addresses.get(r.destination());
            if (from == null || to == null) {
                forward.append("        # ").append(r.id()).append(": not placed here (")
                        .append(from == null ? r.source() : r.destination()).append("), so denied\n");
                continue;
            }
            Integer port = ports.get(r.id());
            if (port == null) {
                throw new IllegalArgumentException("no port given for rule " + r.id());
            }
            forward.append("        # ").append(r.id()).append(": ").append(parties.get(r.source()).label())
                    .append(" -> ").append(parties.get(r.destination()).label()).append(", ")
                    .append(r.protocol()).append(" (default port ").append(r.port()).append(")\n")
                    .append("        ").append(family(from)).append(" saddr ").append(from.getHostAddress())
                    .append(' ').append(family(to)).append(" daddr ").append(to.getHostAddress())
                    .append(" tcp dport ").append(port).append(" ct state new counter accept\n");
        }
        return "table inet " + table + " {\n"
                + "    chain forward {\n"
                + "        type filter hook forward priority filter; policy drop;\n"
                + "        ct state established,related accept\n"
                + forward
                + "        counter " + REJECT + "\n"
                + "    }\n"
                + "    chain input {\n"
                + "        type filter hook input priority filter; policy drop;\n"
                + "        ct state established,related accept\n"
                + "        counter " + REJECT + "\n"
                + "    }\n"
                + "}\n";
    }

    private static String family(InetAddress address) {
        return address instanceof Inet6Address ? "ip6" : "ip";
    }
}
