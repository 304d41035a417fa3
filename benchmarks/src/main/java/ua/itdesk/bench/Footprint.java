package ua.itdesk.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ua.itdesk.sandbox.launcher.ManagedProcess;

/** PERF5: each process' time from launch to ready, and its resident memory (VmRSS, VmHWM) after the workload. */
final class Footprint {

    private Footprint() {
    }

    static List<Result> perf5(SystemUnderLoad system) {
        List<Result> results = new ArrayList<>();
        Map<String, Duration> ready = system.sandbox.readyAfter();
        for (ManagedProcess p : List.of(system.sandbox.agent(), system.sandbox.bot())) {
            Duration d = ready.get(p.name());
            results.add(Result.figure("PERF5", p.name() + " start-up to ready (" + system.name + ")",
                    d == null ? Double.NaN : d.toMillis(), "ms", "launch to /q/health/ready answering 200; JVM "
                            + String.join(" ", SystemUnderLoad.jvmOptions())));
            results.add(Result.figure("PERF5", p.name() + " resident memory after the workload (" + system.name + ")",
                    kib(p.pid(), "VmRSS:") / 1024.0, "MB", "VmRSS of /proc/" + p.pid() + "/status; peak (VmHWM) "
                            + String.format("%.0f MB", kib(p.pid(), "VmHWM:") / 1024.0)));
        }
        return results;
    }

    /** A kB figure of /proc/&lt;pid&gt;/status, NaN when it cannot be read (not Linux, process gone). */
    static double kib(long pid, String field) {
        return Machine.kib(Path.of("/proc", Long.toString(pid), "status"), field);
    }
}
