package ua.itdesk.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One zone's runbook, {@code deploy/<zone>/README.md}, followed on this machine: its install block and its "Without
 * systemd" command are taken from the README as written and run by bash, relocated under a temporary root
 * ({@code /etc/itdesk} and {@code /opt/itdesk} inside it). Only what needs a system administrator is left out: the
 * {@code useradd} of the service user and the ownership options of {@code install} (the files keep the modes the
 * README gives). The commands run in an operator's working folder that holds the checkout ({@code deploy/} and the
 * module's {@code target/}) and the files the README expects beside them.
 */
final class ZoneRunbook {

    private static final Pattern HEADING = Pattern.compile("^(#+) (.*)$");
    private static final Pattern READINESS = Pattern.compile("curl -s (http://\\S+/q/health/\\S+)");
    private static final Pattern OWNERSHIP = Pattern.compile(" -[og] \\S+");
    private static final Pattern UNIT_LINE = Pattern.compile("(?m)^(EnvironmentFile|WorkingDirectory|ExecStart)=(.*)$");

    private final String zone;
    private final String readme;
    private final String unit;
    private final Path root;

    /**
     * @param checkout the repository root
     * @param zone     {@code internal} or {@code dmz}
     * @param unitFile the systemd unit in {@code deploy/<zone>/}
     * @param root     the temporary root that stands for {@code /}
     */
    ZoneRunbook(Path checkout, String zone, String unitFile, Path root) throws IOException {
        this.zone = zone;
        this.readme = Files.readString(checkout.resolve("deploy").resolve(zone).resolve("README.md"));
        this.unit = Files.readString(checkout.resolve("deploy").resolve(zone).resolve(unitFile));
        this.root = root;
    }

    /** The first shell block of "## Install with systemd": creates the folders, copies the application and files. */
    String installBlock() {
        return fencedBlocks(section("Install with systemd")).get(0);
    }

    /** The block of "### Without systemd", which the README says the unit runs. */
    String runBlock() {
        List<String> blocks = fencedBlocks(section("Without systemd"));
        if (blocks.size() != 1) {
            throw new IllegalStateException(zone + " README: \"Without systemd\" should hold one command block, has "
                    + blocks.size());
        }
        return blocks.get(0);
    }

    /** What the README tells ops to check after the start ({@code curl -s http://...}), on the port given. */
    URI readiness(int managementPort) {
        Matcher m = READINESS.matcher(section("Install with systemd"));
        if (!m.find()) {
            throw new IllegalStateException(zone + " README: no curl of a health endpoint after the install");
        }
        URI documented = URI.create(m.group(1));
        return URI.create(documented.getScheme() + "://" + documented.getHost() + ":" + managementPort
                + documented.getPath());
    }

    /**
     * What the unit runs, as a shell command: its environment files, its working directory and its ExecStart,
     * which the README's "Without systemd" block must say the same way.
     */
    String unitAsShell() {
        List<String> envFiles = new ArrayList<>();
        String workingDirectory = null;
        String execStart = null;
        Matcher m = UNIT_LINE.matcher(unit);
        while (m.find()) {
            switch (m.group(1)) {
                case "EnvironmentFile" -> envFiles.add(m.group(2));
                case "WorkingDirectory" -> workingDirectory = m.group(2);
                default -> execStart = m.group(2);
            }
        }
        return "set -a; " + envFiles.stream().map(f -> ". " + f + "; ").collect(Collectors.joining()) + "set +a\n"
                + "cd " + workingDirectory + " && exec " + execStart.replaceFirst("^/usr/bin/java ", "java ");
    }

    /** Runs the install block in {@code desk}, relocated; {@code pki} stands for the README's /path/to/pki. */
    void install(Path desk, Path pki, Path log) throws IOException, InterruptedException {
        String script = Arrays.stream(relocate(installBlock()).split("\n"))
                .filter(line -> !line.startsWith("useradd "))
                .map(line -> line.startsWith("install ") ? OWNERSHIP.matcher(line).replaceAll("") : line)
                .map(line -> line.replace("/path/to/pki/", pki + "/"))
                .collect(Collectors.joining("\n"));
        Process p = bash("set -euxo pipefail\n" + script, desk, log).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(zone + " README: the install block failed; see " + log + "\n" + script);
        }
    }

    /** Starts the "Without systemd" command, relocated, with only PATH in its environment (as systemd gives it). */
    Process start(Path log) throws IOException {
        return bash(relocate(runBlock()), root, log).start();
    }

    /** {@code /etc/itdesk/...} and {@code /opt/itdesk/...} of the README, inside the temporary root. */
    String relocate(String text) {
        return text.replaceAll("(?<![\\w./-])/(etc|opt)/itdesk\\b", root + "/$1/itdesk");
    }

    private static ProcessBuilder bash(String script, Path dir, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        // the JDK of this build as the host's java, then the usual tools
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        return builder;
    }

    /** The section under {@code heading} (any level), up to the next heading of the same or a higher level. */
    private String section(String heading) {
        List<String> out = new ArrayList<>();
        int level = 0;
        boolean fenced = false;
        for (String line : readme.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            Matcher h = fenced ? null : HEADING.matcher(line);
            if (h != null && h.matches()) {
                if (level > 0 && h.group(1).length() <= level) {
                    break;
                }
                if (level == 0 && h.group(2).trim().equals(heading)) {
                    level = h.group(1).length();
                    continue;
                }
            }
            if (level > 0) {
                out.add(line);
            }
        }
        if (level == 0) {
            throw new IllegalStateException(zone + " README: no section \"" + heading + "\"");
        }
        return String.join("\n", out);
    }

    private static List<String> fencedBlocks(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                if (block == null) {
                    block = new StringBuilder();
                } else {
                    blocks.add(block.toString().strip());
                    block = null;
                }
            } else if (block != null) {
                block.append(line.strip().isEmpty() ? "" : line).append('\n');
            }
        }
        return blocks;
    }
}
