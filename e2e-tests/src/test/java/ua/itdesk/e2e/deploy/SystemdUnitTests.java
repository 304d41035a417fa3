package ua.itdesk.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The systemd units of both zones, checked by systemd itself ({@code systemd-analyze}, skipped where it is missing).
 * {@code verify} also insists that the ExecStart binary exists: where {@code /usr/bin/java} is missing the check runs
 * on a copy whose ExecStart names {@code /bin/true} instead and says so; the rest of the unit is checked unchanged.
 */
class SystemdUnitTests {

    private static final Path ROOT = EnvTemplateTests.ROOT;
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");
    private static final Pattern EXEC_START = Pattern.compile("(?m)^ExecStart=(\\S+)");
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"dmz/itdesk-dmz-bot.service", "internal/itdesk-internal-agent.service"})
    void systemdFindsNothingToComplainAbout(String unit, @TempDir Path dir) throws Exception {
        assumeThat(ANALYZE).as("systemd-analyze is installed").isExecutable();
        Path copy = runnableCopy(ROOT.resolve("deploy").resolve(unit), dir);

        assertThat(run(dir, ANALYZE.toString(), "verify", copy.toString())).as("systemd-analyze verify %s", unit)
                .isEmpty();
    }

    /** The verification above can fail: a misspelt directive is reported, and systemd would ignore it. */
    @Test
    void aMisspeltDirectiveIsReported(@TempDir Path dir) throws Exception {
        assumeThat(ANALYZE).as("systemd-analyze is installed").isExecutable();
        Path unit = dir.resolve("itdesk-typo.service");
        Files.writeString(unit, Files.readString(ROOT.resolve("deploy/dmz/itdesk-dmz-bot.service"))
                .replace("NoNewPrivileges=yes", "NoNewPrivilege=yes"));

        assertThat(run(dir, ANALYZE.toString(), "verify", runnableCopy(unit, dir.resolve("copy")).toString()))
                .contains("NoNewPrivilege");
    }

    /** systemd's own rating of the sandbox: "OK" or better (lower is better; 10 is unprotected). */
    @ParameterizedTest
    @ValueSource(strings = {"dmz/itdesk-dmz-bot.service", "internal/itdesk-internal-agent.service"})
    void theSandboxRatesAsExposedLittle(String unit, @TempDir Path dir) throws Exception {
        assumeThat(ANALYZE).as("systemd-analyze is installed").isExecutable();
        String out = run(dir, ANALYZE.toString(), "security", "--offline=yes", "--no-pager",
                runnableCopy(ROOT.resolve("deploy").resolve(unit), dir).toString());
        Matcher m = EXPOSURE.matcher(out);
        assumeThat(m.find()).as("this systemd rates units offline: %s", out).isTrue();

        assertThat(Double.parseDouble(m.group(1))).as(out).isLessThanOrEqualTo(2.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dmz/itdesk-dmz-bot.service", "internal/itdesk-internal-agent.service"})
    void theUnitRunsTheFastJarAsItsOwnUserWithoutPrivileges(String unit) throws IOException {
        String text = Files.readString(ROOT.resolve("deploy").resolve(unit));

        assertThat(text).containsPattern("(?m)^User=itdesk-\\S+$")
                .containsPattern("(?m)^ExecStart=/usr/bin/java \\$JAVA_OPTS -jar /opt/itdesk/\\S+/current/quarkus-run.jar$")
                .contains("\nNoNewPrivileges=yes\n", "\nProtectSystem=strict\n", "\nPrivateTmp=yes\n",
                        "\nCapabilityBoundingSet=\n", "\nRestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX\n")
                .doesNotContain("ReadWritePaths=");
    }

    /** The unit as committed, or with ExecStart pointing at /bin/true where its binary is not installed here. */
    private static Path runnableCopy(Path unit, Path dir) throws IOException {
        Files.createDirectories(dir);
        String text = Files.readString(unit);
        Matcher m = EXEC_START.matcher(text);
        assertThat(m.find()).as("%s has an ExecStart", unit).isTrue();
        if (!Files.isExecutable(Path.of(m.group(1)))) {
            System.out.printf("%s: %s is not installed here; verifying with ExecStart=/bin/true%n", unit, m.group(1));
            text = m.replaceFirst("ExecStart=/bin/true");
        }
        return Files.writeString(dir.resolve(unit.getFileName()), text);
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }
}
