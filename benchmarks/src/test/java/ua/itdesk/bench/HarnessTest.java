package ua.itdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Runs the harness at the scale the build asks for (the smoke load by default, the full one with -Pbench) and checks
 * that the report and the CSV come out complete; it asserts nothing about timing, which depends on the machine.
 */
class HarnessTest {

    @Test
    void theHarnessPlaysEveryWorkloadAndWritesACompleteReportAndCsv() throws Exception {
        Path root = Path.of(System.getProperty("itdesk.root", "..")).toAbsolutePath().normalize();
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.deleteIfExists(out.resolve(Report.MARKDOWN));
        Files.deleteIfExists(out.resolve(Report.CSV));

        Harness.run(Scale.named(System.getProperty("bench.scale", "smoke")), root, out);

        String report = Files.readString(out.resolve(Report.MARKDOWN));
        List<String> csv = Files.readAllLines(out.resolve(Report.CSV));
        assertThat(csv.get(0)).isEqualTo(Report.CSV_HEADER);
        for (String perf : Harness.workloads()) {
            assertThat(report).contains("## " + perf + ": ");
            assertThat(csv).as("CSV rows of %s", perf).anyMatch(line -> line.startsWith(perf + ","));
        }
        assertThat(report).contains("cores", "Command: `" + Harness.COMMAND + "`");
        // every measured line has figures: a latency sample, a ratio or a value
        assertThat(csv.subList(1, csv.size())).allSatisfy(line -> assertThat(line.split(",")[2]).isNotBlank());
        if (Harness.workloads().contains("PERF1")) {
            assertThat(csv).anyMatch(line -> line.startsWith("PERF1,") && !line.split(",")[3].isBlank());
        }
    }
}
