package ua.itdesk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    static final List<String> JVM_OPTIONS = List.of("-Xms128m", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError");

    final String name;
    /** The sending limits in force, for the report. */
    final String limits;
    final Sandbox sandbox;
    final Traffic traffic;
    final List<Person> employees = new ArrayList<>();
    final List<Person> specialists = new ArrayList<>();

    private SystemUnderLoad(String name, String limits, Sandbox sandbox, int employees) {
        this.name = name;
        this.limits = limits;
        this.sandbox = sandbox;
        this.traffic = Traffic.attach(sandbox.telegram(), sandbox.jira());
        SeedPeople.all().stream().filter(SeedPerson::canLogIn).filter(p -> p.role().equals("employee"))
                .sorted(Comparator.comparing((SeedPerson p) -> !"uk".equals(p.languageCode()))
                        .thenComparing(SeedPerson::login))
                .limit(employees).forEach(p -> this.employees.add(new Person(sandbox.telegram(), p)));
        SeedPeople.all().stream().filter(SeedPerson::canLogIn).filter(p -> p.role().equals("specialist"))
                .sorted(Comparator.comparing(SeedPerson::login))
                .forEach(p -> this.specialists.add(new Person(sandbox.telegram(), p)));
    }

    static SystemUnderLoad start(String name, String limits, Path root, Map<String, String> agent, Map<String, String> bot,
            int employees) {
        Path work;
        try {
            Files.createDirectories(root.resolve("benchmarks/target"));
            work = Files.createTempDirectory(root.resolve("benchmarks/target"), "system-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Harness.log("starting the system (" + name + "): agent " + agent + ", bot " + bot);
        SandboxOptions options = new SandboxOptions(root, work, true, "long-polling", agent, bot, JVM_OPTIONS,
                Duration.ofSeconds(180), SandboxNetwork.loopback(), null);
        Sandbox sandbox = Sandbox.start(options);
        Harness.log("ready after " + sandbox.readyAfter());
        return new SystemUnderLoad(name, limits, sandbox, employees);
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
        sandbox.close();
    }
}
