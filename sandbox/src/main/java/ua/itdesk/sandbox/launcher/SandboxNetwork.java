package ua.itdesk.sandbox.launcher;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where the parts of the sandbox listen and how the two product processes are launched. The default,
 * {@link #loopback()}, is everything on loopback and both processes started directly. The zone-boundary test
 * (e2e-tests {@code ZoneBoundaryIT}) starts the bot and the agent in network namespaces instead, with a launcher
 * such as {@code ip netns exec <namespace>}, and the stand-ins on addresses that a firewall between the namespaces
 * tells apart.
 *
 * @param telegram      the Telegram stand-in listens here, and the bot reaches it here
 * @param database      the DMZ PostgreSQL listens here (besides localhost), and the bot reaches it here
 * @param services      the Jira, directory and HR stand-ins listen here, and the agent reaches them here
 * @param agent         the agent's address: the bot and the sandbox reach its API, management and webhook
 *                      listeners here; when it is not loopback, the agent listens on all its addresses
 * @param bot           the bot's address: the sandbox reaches its management listener here
 * @param agentLauncher command words put before the agent's {@code java}, for example {@code ip netns exec int}
 * @param botLauncher   command words put before the bot's {@code java}
 */
public record SandboxNetwork(InetAddress telegram, InetAddress database, InetAddress services, InetAddress agent,
                             InetAddress bot, List<String> agentLauncher, List<String> botLauncher) {

    public SandboxNetwork {
        Stream.of(telegram, database, services, agent, bot).forEach(Objects::requireNonNull);
        agentLauncher = List.copyOf(agentLauncher);
        botLauncher = List.copyOf(botLauncher);
    }

    /** Everything on loopback, both processes started directly: the sandbox command and most tests. */
    public static SandboxNetwork loopback() {
        InetAddress lo = InetAddress.getLoopbackAddress();
        return new SandboxNetwork(lo, lo, lo, lo, lo, List.of(), List.of());
    }

    /** The addresses other than loopback that the server certificates must name. */
    List<InetAddress> serverAddresses() {
        return Stream.of(services, agent).filter(a -> !a.isLoopbackAddress()).distinct().toList();
    }

    /** {@code address} in a URL: {@code loopbackName} for loopback (as the sandbox always wrote it), else the IP. */
    static String host(InetAddress address, String loopbackName) {
        if (address.isLoopbackAddress()) {
            return loopbackName;
        }
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }
}
