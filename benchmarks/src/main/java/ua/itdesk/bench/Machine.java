package ua.itdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the figures were taken: cores, memory, JVM, and how busy the machine was. */
record Machine(int cores, String memory, String jvm, String os, String loadAverage) {

    static Machine here() {
        return new Machine(Runtime.getRuntime().availableProcessors(), memTotal(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"), currentLoadAverage());
    }

    private static String memTotal() {
        double kib = kib(Path.of("/proc/meminfo"), "MemTotal:");
        return Double.isNaN(kib) ? "unknown" : String.format("%.1f GiB", kib / 1024 / 1024);
    }

    static String currentLoadAverage() {
        try {
            List<String> parts = List.of(Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+"));
            return String.join(" ", parts.subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The kB figure of a /proc file's line ({@code MemTotal:}, {@code VmRSS:}), NaN when there is none. */
    static double kib(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return Double.parseDouble(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
