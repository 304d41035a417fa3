package ua.itdesk.sandbox.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * The sandbox command: starts the stand-ins, the embedded PostgreSQL, the agent and the bot, prints where
 * everything is and how to try it, and stops it all on Ctrl+C.
 *
 * <pre>java -jar sandbox/target/sandbox-launcher.jar [--root DIR] [--work DIR] [--webhook] [--random-ports]</pre>
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(".").toAbsolutePath().normalize();
        Path work = null;
        boolean webhook = false;
        boolean randomPorts = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--work" -> work = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--webhook" -> webhook = true;
                case "--random-ports" -> randomPorts = true;
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar sandbox/target/sandbox-launcher.jar [--root DIR] [--work DIR]"
                            + " [--webhook] [--random-ports]");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        if (work == null) {
            work = root.resolve("sandbox/target/run");
        }
        SandboxOptions options = new SandboxOptions(root, work, randomPorts, webhook ? "webhook" : "long-polling",
                Map.of(), Map.of(), List.of("-Xmx384m"), Duration.ofSeconds(120));
        System.out.println("sandbox: starting stand-ins, PostgreSQL, agent and bot (logs in " + work.resolve("logs")
                + ") ...");
        Sandbox sandbox = Sandbox.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nsandbox: stopping bot, agent and stand-ins ...");
            sandbox.close();
            System.out.println("sandbox: stopped");
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println(describe(sandbox));
        stopped.await();
    }

    static String describe(Sandbox s) {
        SeedPerson employee = SeedPeople.anActiveEmployee();
        SeedPerson specialist = SeedPeople.withRole("specialist").get(0);
        String control = s.telegram().baseUrl() + "/sandbox/api";
        StringBuilder b = new StringBuilder();
        b.append("\n=== IT desk sandbox is up ===\n");
        b.append(String.format("  Telegram stand-in     %s  (Bot API at %s, control API at %s)%n",
                s.telegram().baseUrl(), s.telegram().apiUrl(), control));
        b.append(String.format("  internal-agent        %s  (mTLS only; health %s)%n", s.agentApiUrl(), s.agentHealthUrl()));
        b.append(String.format("  dmz-bot               health %s, metrics %s%n", s.botHealthUrl(), s.botMetricsUrl()));
        b.append(String.format("  LDAP (AD-shaped)      %s  base %s%n", s.directory().ldapsUrl(), s.directory().baseDn()));
        b.append(String.format("  HR stand-in           %s%n", s.hr().baseUrl()));
        b.append(String.format("  Jira stand-in (DC)    %s  (control API: curl -sk %s/sandbox/jira/api/requests)%n",
                s.jira().baseUrl(), s.jira().baseUrl()));
        b.append(String.format("  PostgreSQL            %s%n", s.database().jdbcUrl()));
        b.append(String.format("  certificates, logs    %s%n", s.pki().dir().getParent()));
        s.readyAfter().forEach((name, d) -> b.append(String.format("  %-21s ready after %.1f s%n", name,
                d.toMillis() / 1000.0)));
        b.append("\nTry this (as ").append(employee.latinName()).append(", an employee):\n");
        long id = employee.telegramUserId();
        b.append(String.format("  curl -s -XPOST %s/users/%d/text -d '{\"text\":\"/start\"}'%n", control, id));
        b.append(String.format("  curl -s -XPOST %s/users/%d/contact -d '{\"own\":true}'%n", control, id));
        b.append(String.format("  curl -s %s/chats/%d    # what the bot answered: the employee menu%n", control, id));
        b.append(String.format("Then as %s (specialist, user %d) the same way; people: curl -s %s/people%n",
                specialist.latinName(), specialist.telegramUserId(), control));
        b.append("Ctrl+C stops everything.\n");
        return b.toString();
    }
}
