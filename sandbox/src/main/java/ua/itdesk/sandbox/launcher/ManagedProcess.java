package ua.itdesk.sandbox.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One product process (agent or bot) started from its packaged Quarkus application, with its output in a log file.
 * Configuration goes in as system properties, secrets as environment variables, as they would in production.
 */
public final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Instant startedAt;

    private ManagedProcess(String name, Process process, Path log, Instant startedAt) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
    }

    /**
     * {@code launcher}: words before {@code java}, such as {@code ip netns exec <namespace>}; it must exec java in
     * its own place (as {@code ip netns exec} does), so that stopping this process stops java.
     */
    static ManagedProcess start(String name, List<String> launcher, Path quarkusRunJar, Map<String, String> properties,
                                Map<String, String> environment, Path log, List<String> jvmOptions) {
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalStateException(quarkusRunJar + " is missing: build first with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(quarkusRunJar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            return new ManagedProcess(name, builder.start(), log, Instant.now());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** Waits until the process' readiness endpoint answers 200; fails fast when the process dies. */
    Duration awaitReady(URI readiness, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Duration.between(startedAt, Instant.now());
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + " (" + last + "); see " + log);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once, as a crash would (kill -9), for the outage scenarios. */
    public void kill() {
        process.destroyForcibly();
        waitFor(10);
    }

    /** SIGTERM, so Quarkus shuts down cleanly; forcibly after ten seconds. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(10)) {
            process.destroyForcibly();
            waitFor(5);
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
