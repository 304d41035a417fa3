package ua.itdesk.sandbox.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start the sandbox.
 *
 * @param root            repository root, where {@code internal-agent/target} and {@code dmz-bot/target} are
 * @param workDir         folder for certificates, keys and process logs of this run
 * @param randomPorts     free random ports (tests) instead of the fixed, documented ones (people)
 * @param telegramMode    {@code long-polling} or {@code webhook}
 * @param agentProperties extra or overriding agent settings
 * @param botProperties   extra or overriding bot settings
 * @param jvmOptions      options for the two product JVMs
 * @param startTimeout    how long each process may take to become ready
 * @param network         where the parts listen and how the processes are launched ({@link SandboxNetwork#loopback()})
 */
public record SandboxOptions(Path root, Path workDir, boolean randomPorts, String telegramMode,
                             Map<String, String> agentProperties, Map<String, String> botProperties,
                             List<String> jvmOptions, Duration startTimeout, SandboxNetwork network) {

    public static SandboxOptions forTests(Path root, Path workDir) {
        return new SandboxOptions(root, workDir, true, "long-polling", Map.of(), Map.of(),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), Duration.ofSeconds(90), SandboxNetwork.loopback());
    }

    public SandboxOptions withBotProperties(Map<String, String> properties) {
        return new SandboxOptions(root, workDir, randomPorts, telegramMode, agentProperties, properties, jvmOptions,
                startTimeout, network);
    }

    public SandboxOptions withAgentProperties(Map<String, String> properties) {
        return new SandboxOptions(root, workDir, randomPorts, telegramMode, properties, botProperties, jvmOptions,
                startTimeout, network);
    }

    public SandboxOptions withTelegramMode(String mode) {
        return new SandboxOptions(root, workDir, randomPorts, mode, agentProperties, botProperties, jvmOptions,
                startTimeout, network);
    }

    public SandboxOptions withNetwork(SandboxNetwork placement) {
        return new SandboxOptions(root, workDir, randomPorts, telegramMode, agentProperties, botProperties,
                jvmOptions, startTimeout, placement);
    }
}
