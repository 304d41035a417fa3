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
                Map.of(), Map.of(), List.of("-Xmx384m"), Duration.ofSeconds(120), SandboxNetwork.loopback(),
                null);
        System.out.println("sandbox: starting stand-ins, PostgreSQL, agent and bot (logs in " + work.resolve("logs")
                + ") ...");
        Sandbox sandbox = Sandbox.prepare(options);
        CountDownLatch stopped = new CountDownLatch(1);
        // hooked before the start, so that Ctrl+C while the agent or the bot is still starting stops them too
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nsandbox: stopping bot, agent, stand-ins and PostgreSQL ...");
            sandbox.close();
            System.out.println("sandbox: stopped");
            stopped.countDown();
        }, "sandbox-shutdown"));
        try {
            sandbox.startAll();
        } catch (RuntimeException e) {
            System.err.println("sandbox: could not start: " + e.getMessage());
            System.exit(1);
        }
        System.out.println(describe(sandbox));
        stopped.await();
    }

    private static final String TRY_THIS = """
            ==============================================================================================
              Telegram (chat as anyone):  %s
              Jira (requests, faults):    %s
                                          (also over HTTPS at %s: the sandbox CA is not trusted by browsers;
                                          import %s as an authority, or use the plain-HTTP address above)
            ==============================================================================================
            Try this:
              1. Open the Telegram page, choose %s (an employee; ?as=%d), send /start and press
                 "Share my phone number": the bot logs you in and shows the menu.
                 (⋯ > "Share someone else's contact" shows the refusal.)
              2. New request > a category > a priority > type a summary > Skip > attach a photo with 📎 > Done
                 > Confirm: the request appears on the Jira page.
              3. "+ another person": choose %s (a specialist) in the second pane, /start, share the
                 number, then press 🔴 in the menu to go online.
              4. As the employee: /menu > My requests > the request > "Contact a specialist online".
              5. As the specialist: ✅ Accept. Write from both panes; photos and files go across too.
              6. As the employee: /end, then rate the chat. The whole chat lands on the request in Jira.
              7. On the Jira page: change the status or add a public comment, and watch the employee's pane;
                 inject a 429/503 or drop a webhook and see the bot cope.
              Both people side by side in one tab: %s?as=%d,%d
            Ctrl+C stops everything.""";

    static String describe(Sandbox s) {
        // an English-speaking employee, so that the buttons read as the script says; the specialist's bot speaks
        // Ukrainian, which shows both languages side by side
        SeedPerson employee = SeedPeople.withRole("employee").stream().filter(SeedPerson::canLogIn)
                .filter(p -> p.languageCode().equals("en")).findFirst().orElseThrow();
        SeedPerson specialist = SeedPeople.withRole("specialist").stream().filter(SeedPerson::canLogIn).findFirst()
                .orElseThrow();
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
        b.append('\n').append(TRY_THIS.formatted(s.chatPageUrl(), s.jiraPageUrl(), s.jira().pageUrl(),
                s.pki().caCert(), employee.latinName(), employee.telegramUserId(), specialist.latinName(),
                s.chatPageUrl(), employee.telegramUserId(), specialist.telegramUserId()));
        return b.toString();
    }
}
