package ua.itdesk.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ua.itdesk.sandbox.launcher.SandboxNetwork;

/**
 * The zones as Linux network namespaces on this machine, joined through a router namespace that runs the nftables
 * rules made from the firewall matrix:
 *
 * <pre>
 *   itdz&lt;pid&gt;-dmz  (dmz-bot)        10.N.1.2 --- 10.N.1.1 \
 *   itdz&lt;pid&gt;-int  (internal-agent) 10.N.2.2 --- 10.N.2.1  +-- itdz&lt;pid&gt;-fw (forwards; nftables)
 *   this namespace (the stand-ins)  10.N.3.x --- 10.N.3.1 /
 * </pre>
 *
 * <p>The stand-ins stay in the test JVM, in this (the machine's own) namespace, on three addresses of its link to
 * the router: {@code .10} for the Telegram stand-in (internet), {@code .20} for the DMZ PostgreSQL, {@code .30} for
 * Jira, the directory and HR (internal). Connections that this JVM opens (readiness checks as monitoring, Jira's
 * webhooks) leave from {@code .30}. Nothing of this namespace's own firewall or forwarding is touched: the rules
 * and the forwarding live in the router namespace only. Names carry this JVM's pid, so that parallel runs do not
 * meet and {@link #removeLeftovers()} can tell an abandoned network (its pid gone) from a running one.
 */
final class ZoneNetwork implements AutoCloseable {

    private static final String PREFIX = "itdz";
    private static final Pattern LEFTOVER_NAMESPACE = Pattern.compile("^" + PREFIX + "(\\d+)-(fw|dmz|int)\\b");
    private static final Pattern LEFTOVER_LINK = Pattern.compile("^\\d+: (" + PREFIX + "(\\d+)h)[@:]");
    private static final String TABLE = "itdesk_zones";
    private static final Pattern REJECT_COUNTER = Pattern.compile("counter packets (\\d+) bytes \\d+ reject");

    private final String fw;
    private final String dmz;
    private final String internal;
    private final String hostLink;
    private final String net;
    private final List<String> created = new ArrayList<>();
    private final Thread cleanupOnExit = new Thread(this::close, "zone-network-cleanup");

    private ZoneNetwork(long id, int n) {
        this.fw = PREFIX + id + "-fw";
        this.dmz = PREFIX + id + "-dmz";
        this.internal = PREFIX + id + "-int";
        this.hostLink = PREFIX + id + "h";
        this.net = "10." + n + ".";
    }

    /** Why this machine cannot make the namespaces and nftables rules (not root, a tool missing), if it cannot. */
    static Optional<String> whyUnavailable() {
        if (!run(List.of("id", "-u")).out().strip().equals("0")) {
            return Optional.of("the zone-boundary test needs root (network namespaces, veth, nftables)");
        }
        for (String tool : List.of("ip", "nft", "timeout", "bash")) {
            if (!run(List.of("sh", "-c", "command -v " + tool)).ok()) {
                return Optional.of(tool + " is missing: install iproute2 and nftables (.ci/run does as root)");
            }
        }
        String name = PREFIX + "probe" + ProcessHandle.current().pid();
        Result probe = run(List.of("ip", "netns", "add", name));
        run(List.of("ip", "netns", "del", name));
        return probe.ok() ? Optional.empty()
                : Optional.of("cannot create a network namespace here: " + probe.out().strip());
    }

    /** Deletes the namespaces and links of earlier runs whose JVM is gone (killed before it could clean up). */
    static void removeLeftovers() {
        for (String line : run(List.of("ip", "netns", "list")).out().lines().toList()) {
            Matcher m = LEFTOVER_NAMESPACE.matcher(line);
            if (m.find() && !alive(Long.parseLong(m.group(1)))) {
                run(List.of("ip", "netns", "del", line.split(" ")[0]));
            }
        }
        for (String line : run(List.of("ip", "-o", "link", "show")).out().lines().toList()) {
            Matcher m = LEFTOVER_LINK.matcher(line);
            if (m.find() && !alive(Long.parseLong(m.group(2)))) {
                run(List.of("ip", "link", "del", m.group(1)));
            }
        }
    }

    /** Creates the three namespaces, their links, addresses and routes; forwarding on in the router only. */
    static ZoneNetwork create() {
        ZoneNetwork z = new ZoneNetwork(ProcessHandle.current().pid(), freeSecondOctet());
        Runtime.getRuntime().addShutdownHook(z.cleanupOnExit);
        try {
            z.build();
            return z;
        } catch (RuntimeException e) {
            z.close();
            throw e;
        }
    }

    private void build() {
        for (String ns : List.of(fw, dmz, internal)) {
            must("ip", "netns", "add", ns);
            created.add(ns);
            must("ip", "-n", ns, "link", "set", "lo", "up");
        }
        // the host's end of its link is deleted with the router namespace, which holds the other end
        must("ip", "-n", fw, "link", "add", "dmz", "type", "veth", "peer", "name", "eth0", "netns", dmz);
        must("ip", "-n", fw, "link", "add", "int", "type", "veth", "peer", "name", "eth0", "netns", internal);
        must("ip", "link", "add", hostLink, "type", "veth", "peer", "name", "host", "netns", fw);
        address(fw, "dmz", net + "1.1");
        address(fw, "int", net + "2.1");
        address(fw, "host", net + "3.1");
        address(dmz, "eth0", net + "1.2");
        address(internal, "eth0", net + "2.2");
        must("ip", "-n", dmz, "route", "add", "default", "via", net + "1.1");
        must("ip", "-n", internal, "route", "add", "default", "via", net + "2.1");
        for (String host : List.of("3.10", "3.20", "3.30")) {
            must("ip", "addr", "add", net + host + "/24", "dev", hostLink);
        }
        must("ip", "link", "set", hostLink, "up");
        for (String zone : List.of("1", "2")) {
            must("ip", "route", "add", net + zone + ".0/24", "via", net + "3.1", "src", net + "3.30");
        }
        must("ip", "netns", "exec", fw, "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward");
    }

    private void address(String ns, String link, String address) {
        must("ip", "-n", ns, "addr", "add", address + "/24", "dev", link);
        must("ip", "-n", ns, "link", "set", link, "up");
    }

    /** Where the sandbox puts each part: the bot and the agent in their namespaces, the stand-ins on this side. */
    SandboxNetwork sandboxNetwork() {
        return new SandboxNetwork(ip("3.10"), ip("3.20"), ip("3.30"), agent(), bot(),
                List.of("ip", "netns", "exec", internal), List.of("ip", "netns", "exec", dmz));
    }

    /** The address of each party of the firewall matrix in this network; the webhook rows are not placed. */
    Map<String, InetAddress> parties() {
        return Map.of("dmz-bot", bot(), "internal-agent", agent(), "telegram-api", ip("3.10"),
                "dmz-postgresql", ip("3.20"), "active-directory", ip("3.30"), "hr", ip("3.30"), "jira", ip("3.30"),
                "jira-data-center", ip("3.30"), "monitoring", ip("3.30"));
    }

    InetAddress bot() {
        return ip("1.2");
    }

    InetAddress agent() {
        return ip("2.2");
    }

    String dmzNamespace() {
        return dmz;
    }

    String internalNamespace() {
        return internal;
    }

    /**
     * Loads the rules made from {@code matrix} for the {@link #parties()} of this network into the router namespace
     * (replacing what an earlier call loaded).
     */
    void applyFirewall(FirewallMatrix matrix, Map<String, Integer> portsByRule) {
        String ruleset = matrix.nftables(TABLE, parties(), portsByRule);
        run(List.of("ip", "netns", "exec", fw, "nft", "delete", "table", "inet", TABLE));
        Path file;
        try {
            file = Files.createTempFile("itdesk-zones-", ".nft");
            Files.writeString(file, ruleset, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            must("ip", "netns", "exec", fw, "nft", "-f", file.toString());
        } finally {
            file.toFile().delete();
        }
    }

    /** Packets the router has rejected so far, forwarded or addressed to itself. */
    long rejectedPackets() {
        String state = firewallState();
        Matcher m = REJECT_COUNTER.matcher(state);
        long rejected = 0;
        int counters = 0;
        while (m.find()) {
            rejected += Long.parseLong(m.group(1));
            counters++;
        }
        if (counters != 2) {
            throw new IllegalStateException("expected the two reject counters in the router's rules:\n" + state);
        }
        return rejected;
    }

    /** The router's ruleset with its counters, for the test log. */
    String firewallState() {
        return run(List.of("ip", "netns", "exec", fw, "nft", "list", "table", "inet", TABLE)).out();
    }

    /** Opens a TCP connection from inside {@code namespace} to {@code address:port} and says what came back. */
    static Reach probe(String namespace, InetAddress address, int port) {
        Result r = run(List.of("ip", "netns", "exec", namespace, "timeout", "5", "bash", "-c",
                "exec 3<>/dev/tcp/" + address.getHostAddress() + "/" + port));
        if (r.ok()) {
            return Reach.OPEN;
        }
        if (r.out().contains("No route to host")) {
            return Reach.PROHIBITED;
        }
        if (r.out().contains("Connection refused")) {
            return Reach.REFUSED;
        }
        return r.exitCode() == 124 ? Reach.NO_ANSWER : Reach.OTHER;
    }

    /** What a connection attempt met. */
    enum Reach {
        /** the connection was accepted */
        OPEN,
        /** the firewall rejected it (ICMP administratively prohibited: "No route to host") */
        PROHIBITED,
        /** nothing listens there (TCP reset) */
        REFUSED,
        /** no answer within five seconds */
        NO_ANSWER,
        /** anything else */
        OTHER
    }

    /** Deletes the namespaces (and with them the links, addresses, routes and rules); safe to call twice. */
    @Override
    public void close() {
        synchronized (created) {
            for (int i = created.size() - 1; i >= 0; i--) {
                Result r = run(List.of("ip", "netns", "del", created.get(i)));
                if (!r.ok()) {
                    System.err.println("zone network: deleting " + created.get(i) + " failed: " + r.out());
                }
            }
            created.clear();
            // normally gone with the router namespace already
            if (run(List.of("ip", "link", "show", hostLink)).ok()) {
                run(List.of("ip", "link", "del", hostLink));
            }
        }
        if (Thread.currentThread() != cleanupOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs close() again, which finds nothing left
            }
        }
    }

    private InetAddress ip(String suffix) {
        try {
            return InetAddress.getByName(net + suffix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 10.N.0.0/16 that no address or route of this machine uses yet, starting from one the pid suggests. */
    private static int freeSecondOctet() {
        String used = run(List.of("ip", "-4", "route", "show", "table", "all")).out()
                + run(List.of("ip", "-4", "addr", "show")).out();
        int start = 100 + (int) (ProcessHandle.current().pid() % 100);
        for (int i = 0; i < 100; i++) {
            int n = 100 + (start - 100 + i) % 100;
            if (!used.contains("10." + n + ".")) {
                return n;
            }
        }
        throw new IllegalStateException("no free 10.N.0.0/16 between 10.100 and 10.199 for the zone network");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void must(String... command) {
        Result r = run(List.of(command));
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.out());
        }
    }

    private record Result(int exitCode, String out) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out + " (timed out)");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
