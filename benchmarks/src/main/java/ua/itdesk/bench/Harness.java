package ua.itdesk.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.people.SeedPeople;

/**
 * The load driver: starts the real system on the sandbox stand-ins, plays the PERF workloads and writes
 * {@code target/bench/report.md} and {@code results.csv}.
 *
 * <p>Two starts at full scale, because the bot's sending limits and caches are start-up settings. The first has the
 * bot's sending limits raised out of the way and the caches at their defaults: PERF4 (cache on), PERF2 and PERF1
 * measure what the system adds, not Telegram's pacing. The second has the production limits (30 a second, 1 a
 * second per chat) with the Telegram stand-in enforcing the same, and the caches off: PERF4 (cache off) and PERF3.
 * The smoke scale plays everything in one start of the first kind.
 */
public final class Harness {

    static final String COMMAND = "./mvnw -B -ntp -pl benchmarks -am verify -Pbench -Dtest=HarnessTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false";

    /** Raised so that the relay and the event pipeline are measured, not the pacing (see the class comment). */
    private static final Map<String, String> UNPACED_BOT = Map.of(
            "bot.telegram.outgoing.global-per-second", "2000",
            "bot.telegram.outgoing.per-chat-per-second", "1000",
            // every employee with a request in a chat at once (50), with the seed's four specialists
            "bot.consultation.limit-per-specialist", "15");
    private static final int TELEGRAM_GLOBAL = 30;
    private static final int TELEGRAM_PER_CHAT = 1;
    private static final Map<String, String> PRODUCTION_BOT_NO_CACHE = Map.of(
            "bot.telegram.outgoing.global-per-second", Integer.toString(TELEGRAM_GLOBAL),
            "bot.telegram.outgoing.per-chat-per-second", Integer.toString(TELEGRAM_PER_CHAT),
            "bot.requests.cache-ttl", "PT0S");
    private static final Map<String, String> AGENT_NO_CACHE = Map.of("agent.requests.categories-ttl", "PT0S");

    private Harness() {
    }

    /** The stand-ins take their people from {@link SeedPeople}, which reads the crowd's size once, when loaded. */
    private static void joinTheCrowd(int crowd) {
        System.setProperty(SeedPeople.CROWD_PROPERTY, Integer.toString(crowd));
        long joined = SeedPeople.all().stream().filter(SeedPeople::inCrowd).count();
        if (joined != crowd) {
            throw new IllegalStateException("the seed was read before the harness set its crowd: " + joined
                    + " generated employees, not " + crowd + "; run one scale per JVM");
        }
    }

    /** {@code java -cp ... ua.itdesk.bench.Harness [full|smoke] [repository root] [output dir]} */
    public static void main(String[] args) {
        Scale scale = Scale.named(args.length > 0 ? args[0] : "full");
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        Path out = args.length > 2 ? Path.of(args[2]) : root.resolve("benchmarks/target/bench");
        run(scale, root, out);
    }

    /** Plays every workload at this scale and writes the report to {@code out}; returns its directory. */
    public static Path run(Scale scale, Path root, Path out) {
        long started = System.nanoTime();
        joinTheCrowd(scale.crowd());
        Machine machine = Machine.here();
        List<Result> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String unpaced = "bot sending limits raised to " + UNPACED_BOT.get("bot.telegram.outgoing.global-per-second")
                + "/s and " + UNPACED_BOT.get("bot.telegram.outgoing.per-chat-per-second") + "/s per chat, stand-in "
                + "limits off";
        Set<String> played = workloads();
        try (SystemUnderLoad system = SystemUnderLoad.start("unpaced", unpaced, root, Map.of(), UNPACED_BOT,
                scale.employees(), scale.pastRequests())) {
            // PERF4's log-ins are what every other workload starts from, so it is always played
            results.addAll(JiraCallsMix.play(system, scale, "on"));
            if (played.contains("PERF2")) {
                results.add(Notifications.perf2(system, scale));
            }
            if (played.contains("PERF1")) {
                results.addAll(Relay.perf1(system, scale));
            }
            if (played.contains("M1")) {
                results.addAll(Statistics.m1(system));
            }
            if (!scale.separateStages() && played.contains("PERF3")) {
                results.addAll(Notifications.perf3(system, scale, TELEGRAM_GLOBAL, TELEGRAM_PER_CHAT));
                notes.add("Smoke scale: one start; PERF3 ran against the stand-in's limits with the bot's raised, so "
                        + "429s are expected; PERF4 with the cache off needs its own start and is played at full "
                        + "scale only.");
            }
            results.addAll(Footprint.perf5(system));
        }
        if (scale.separateStages() && played.contains("PERF3")) {
            String production = "bot sending limits " + TELEGRAM_GLOBAL + "/s and " + TELEGRAM_PER_CHAT
                    + "/s per chat (the defaults), the stand-in enforcing the same";
            try (SystemUnderLoad system = SystemUnderLoad.start("production", production, root, AGENT_NO_CACHE,
                    PRODUCTION_BOT_NO_CACHE, scale.employees(), JiraStandIn.DEFAULT_PAST_REQUESTS)) {
                system.sandbox.telegram().setRateLimits(TELEGRAM_GLOBAL, TELEGRAM_PER_CHAT);
                results.addAll(JiraCallsMix.play(system, scale, "off"));
                results.addAll(Notifications.perf3(system, scale, TELEGRAM_GLOBAL, TELEGRAM_PER_CHAT));
                results.addAll(Footprint.perf5(system));
            }
        }
        notes.add("PERF1 and PERF2 ran with " + unpaced + ": at Telegram's 1 message a second per chat, the pacing "
                + "would be all one measured (PERF3 measures the pacing).");
        notes.add("Cache off: bot.requests.cache-ttl=PT0S (the bot's \"my requests\" list cache) and "
                + "agent.requests.categories-ttl=PT0S (the agent's request types); cache on: their defaults (PT2M, "
                + "PT10M).");
        notes.add("Both processes ran with " + String.join(" ", SystemUnderLoad.jvmOptions()) + "; the stand-ins, "
                + "PostgreSQL and this driver share the machine with them.");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Report.write(out, scale, machine, Machine.currentLoadAverage(), took, results, notes);
        log("report written to " + out.resolve(Report.MARKDOWN) + " after " + took.toSeconds() + " s");
        return out;
    }

    /**
     * The workloads to play, from {@code -Dbench.workloads=PERF1,PERF2} (all when unset): to look at one of them, for
     * instance under a profiler ({@code -Dbench.profile}). PERF4 and PERF5 are played in any case.
     */
    static Set<String> workloads() {
        String asked = System.getProperty("bench.workloads", "").strip();
        if (asked.isEmpty()) {
            return Set.copyOf(Report.SECTIONS);
        }
        Set<String> played = new TreeSet<>(List.of("PERF4", "PERF5"));
        for (String id : asked.split(",")) {
            String perf = id.strip().toUpperCase(java.util.Locale.ROOT);
            if (!Report.SECTIONS.contains(perf)) {
                throw new IllegalArgumentException("bench.workloads names " + Report.SECTIONS + ", not " + id);
            }
            played.add(perf);
        }
        return played;
    }

    static void log(String message) {
        System.out.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "] " + message);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sleeps until {@link System#nanoTime()} reaches {@code nanoTime} (at once when it has). */
    static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static void sleep(long millis, int nanos) {
        try {
            Thread.sleep(millis, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
