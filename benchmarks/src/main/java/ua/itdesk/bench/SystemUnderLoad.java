package ua.itdesk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.launcher.SandboxNetwork;
import ua.itdesk.sandbox.launcher.SandboxOptions;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * One start of the real system (stand-ins in this JVM, the packaged agent and bot as processes, the embedded
 * PostgreSQL) with the people of the workloads and the {@link Traffic} timing everything.
 */
final class SystemUnderLoad implements AutoCloseable {

    /** The heap the deployment gives the bot (deploy/dmz/dmz-bot.env), for both processes. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms128m", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError");

    final String name;
    /** The sending limits in force, for the report. */
    final String limits;
    final Sandbox sandbox;
    final Traffic traffic;
    final List<Person> employees = new ArrayList<>();
    final List<Person> specialists = new ArrayList<>();

    /** Stops the agent and the bot when the driver is killed or interrupted (Ctrl+C) rather than closed. */
    private final Thread stopOnExit;

    private SystemUnderLoad(String name, String limits, Sandbox sandbox, int employees) {
        this.name = name;
        this.limits = limits;
        this.sandbox = sandbox;
        this.stopOnExit = new Thread(sandbox::close, "bench-stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        this.traffic = Traffic.attach(sandbox.telegram(), sandbox.jira());
        SeedPeople.all().stream().filter(SeedPerson::canLogIn).filter(p -> p.role().equals("employee"))
                .sorted(Comparator.comparing((SeedPerson p) -> !SeedPeople.inCrowd(p))
                        .thenComparing((SeedPerson p) -> !"uk".equals(p.languageCode()))
                        .thenComparing(SeedPerson::login))
                .limit(employees).forEach(p -> this.employees.add(new Person(sandbox.telegram(), p)));
        SeedPeople.all().stream().filter(SeedPerson::canLogIn).filter(p -> p.role().equals("specialist"))
                .sorted(Comparator.comparing(SeedPerson::login))
                .forEach(p -> this.specialists.add(new Person(sandbox.telegram(), p)));
    }

    static SystemUnderLoad start(String name, String limits, Path root, Map<String, String> agent, Map<String, String> bot,
            int employees, int pastRequests) {
        Path work;
        try {
            Files.createDirectories(root.resolve("benchmarks/target"));
            work = Files.createTempDirectory(root.resolve("benchmarks/target"), "system-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Harness.log("starting the system (" + name + "): agent " + agent + ", bot " + bot);
        SandboxOptions options = new SandboxOptions(root, work, true, "long-polling", agent, bot, jvmOptions(name),
                Duration.ofSeconds(180), SandboxNetwork.loopback(), null);
        // the launcher's way of seeding the Jira stand-in's history; read once, during the start
        System.setProperty(Sandbox.PAST_REQUESTS_PROPERTY, Integer.toString(pastRequests));
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options);
        } finally {
            System.clearProperty(Sandbox.PAST_REQUESTS_PROPERTY);
        }
        Harness.log("ready after " + sandbox.readyAfter());
        awaitStatisticsIndex(sandbox);
        return new SystemUnderLoad(name, limits, sandbox, employees);
    }

    /**
     * The agent builds its statistics index in the background after start-up (10,000 past requests: about ten
     * searches); the workloads wait for it, so that its searches are not counted as theirs.
     */
    private static void awaitStatisticsIndex(Sandbox sandbox) {
        HttpClient http = HttpClient.newHttpClient();
        long began = System.nanoTime();
        long deadline = began + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String metrics = http.send(HttpRequest.newBuilder(sandbox.agentMetricsUrl()).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (metrics.lines().anyMatch(l -> l.startsWith("agent_statistics_index_ready") && l.endsWith(" 1.0"))) {
                    Harness.log("statistics index built after " + (System.nanoTime() - began) / 1_000_000 + " ms");
                    return;
                }
            } catch (IOException e) {
                Harness.log("metrics not readable yet: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Harness.sleep(200);
        }
        throw new IllegalStateException("the agent's statistics index was not built within 120 s");
    }

    /** {@link #JVM_OPTIONS} and those of {@code -Dbench.jvm-options}: what the report says both processes ran with. */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        String extra = System.getProperty("bench.jvm-options", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /**
     * {@link #jvmOptions()} (with {@code -Dbench.jvm-options="..."}, space-separated, for both processes: to try a
     * collector or a heap size), and with {@code -Dbench.profile=<directory>} a flight recording of each process
     * (JFR's "profile" settings) written there when it stops, named after the process id: open it with {@code jfr
     * print --events jdk.ExecutionSample} or JDK Mission Control.
     */
    private static List<String> jvmOptions(String name) {
        List<String> options = new ArrayList<>(jvmOptions());
        String profile = System.getProperty("bench.profile", "").strip();
        if (!profile.isEmpty()) {
            Path directory = Path.of(profile).toAbsolutePath().resolve(name);
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + directory + "/");
        }
        return options;
    }

    /** Open requests (not done) each employee reported, the newest first; employees without one are left out. */
    Map<Person, String> openRequestOfEach() {
        Map<Person, String> found = new LinkedHashMap<>();
        List<JiraRequest> requests = sandbox.jira().requests();
        for (Person e : employees) {
            requests.stream().filter(r -> r.reporter().equals(e.seed().login()))
                    .filter(r -> !"DONE".equals(r.statusCategory()))
                    .max(Comparator.comparing(JiraRequest::created))
                    .ifPresent(r -> found.put(e, r.key()));
        }
        return found;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook closes the sandbox as well, and closing twice is harmless
        }
        sandbox.close();
    }
}
