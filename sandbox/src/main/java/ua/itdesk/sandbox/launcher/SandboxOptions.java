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
 * @param externalAgentCa null: the sandbox starts the agent and the bot itself, with certificates of its own CA. Set:
 *                        it starts the stand-ins only, and someone else runs the agent and the bot (e2e-tests
 *                        {@code RunbookIT}, following {@code deploy/}) with certificates of this CA, which the Jira
 *                        stand-in then trusts for its webhooks to the agent, as a real Jira would be told to
 */
public record SandboxOptions(Path root, Path workDir, boolean randomPorts, String telegramMode,
                             Map<String, String> agentProperties, Map<String, String> botProperties,
                             List<String> jvmOptions, Duration startTimeout, SandboxNetwork network,
                             Path externalAgentCa) {

    public static SandboxOptions forTests(Path root, Path workDir) {
        return new SandboxOptions(root, workDir, true, "long-polling", Map.of(), Map.of(),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), Duration.ofSeconds(90), SandboxNetwork.loopback(),
                null);
    }

    public SandboxOptions withBotProperties(Map<String, String> properties) {
        return new SandboxOptions(root, workDir, randomPorts, telegramMode, agentProperties, properties, jvmOptions,
                startTimeout, network, externalAgentCa);
    }

    public SandboxOptions withAgentProperties(Map<String, String> properties) {
        return new SandboxOptions(root, workDir, randomPorts, telegramMode, properties, botProperties, jvmOptions,
                startTimeout, network, externalAgentCa);
    }

    public SandboxOptions withTelegramMode(String mode) {
        return new SandboxOptions(root, workDir, randomPorts, mode, agentProperties, botProperties, jvmOptions,
                startTimeout, network, externalAgentCa);
    }

    public SandboxOptions withNetwork(SandboxNetwork placement) {
        return new SandboxOptions(root, workDir, randomPorts, telegramMode, agentProperties, botProperties,
                jvmOptions, startTimeout, placement, externalAgentCa);
    }

    /** The stand-ins only: the agent and the bot run elsewhere, with certificates of the CA in {@code agentCa}. */
    public SandboxOptions withExternalProcesses(Path agentCa) {
        return new SandboxOptions(root, workDir, randomPorts, telegramMode, agentProperties, botProperties,
                jvmOptions, startTimeout, network, agentCa);
    }

    /** Whether the sandbox starts the agent and the bot itself. */
    public boolean startsProcesses() {
        return externalAgentCa == null;
    }
}
