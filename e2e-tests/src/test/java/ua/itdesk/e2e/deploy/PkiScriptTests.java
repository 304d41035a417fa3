package ua.itdesk.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deploy/pki/renew-certs.sh} on a PKI made by {@code make-certs.sh}, with the real openssl. */
class PkiScriptTests {

    private static final Path PKI = EnvTemplateTests.ROOT.resolve("deploy/pki");

    @TempDir
    Path out;

    @BeforeEach
    void makeThePki() throws Exception {
        assumeThat(Path.of("/usr/bin/openssl")).as("openssl is installed").isExecutable();
        run(Map.of(), "make-certs.sh", out.toString(), "agent.corp.example.com", "10.1.2.3");
        // the bot's certificate is issued again, as one about to expire
        run(Map.of("PKI_ONLY", "bot", "PKI_LEAF_DAYS", "10"), "make-certs.sh", out.toString());
    }

    @Test
    void onlyTheCertificateThatExpiresWithinTheThresholdIsRenewedAndTheRestIsKept() throws Exception {
        X509Certificate agent = cert("agent.crt");
        X509Certificate bot = cert("bot.crt");
        byte[] ca = Files.readAllBytes(out.resolve("ca.crt"));
        byte[] jwt = Files.readAllBytes(out.resolve("jwt-private.pem"));

        String report = run(Map.of(), "renew-certs.sh", out.toString(), "30");

        // whole days, rounded down: a certificate of 397 days shows 396 a second after it was issued
        assertThat(report).containsPattern("agent.crt: 39[67] days left, kept").containsPattern("bot.crt: (9|10) days left, due");
        assertThat(cert("agent.crt").getSerialNumber()).isEqualTo(agent.getSerialNumber());
        assertThat(cert("bot.crt").getSerialNumber()).isNotEqualTo(bot.getSerialNumber());
        assertThat(cert("bot.crt").getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(390)));
        assertThat(cert("bot.crt").getSubjectX500Principal().getName()).contains("CN=dmz-bot");
        assertThat(Files.readAllBytes(out.resolve("ca.crt"))).isEqualTo(ca);
        assertThat(Files.readAllBytes(out.resolve("jwt-private.pem"))).isEqualTo(jwt);
    }

    @Test
    void aRenewedAgentCertificateKeepsItsNames() throws Exception {
        run(Map.of(), "renew-certs.sh", out.toString(), "400");

        assertThat(cert("agent.crt").getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "agent.corp.example.com", "10.1.2.3");
        assertThat(cert("agent.crt").getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(390)));
    }

    @Test
    void theCheckReportsWithoutRenewingAndFailsWhenOneIsDue() throws Exception {
        X509Certificate bot = cert("bot.crt");

        Process p = start(Map.of(), "renew-certs.sh", "--check", out.toString(), "30");
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(report).isEqualTo(1);
        assertThat(report).containsPattern("bot.crt: (9|10) days left, due");
        assertThat(cert("bot.crt").getSerialNumber()).isEqualTo(bot.getSerialNumber());
    }

    private X509Certificate cert(String name) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(out.resolve(name))));
    }

    private static String run(Map<String, String> env, String script, String... args) throws Exception {
        Process p = start(env, script, args);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    private static Process start(Map<String, String> env, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", PKI.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().putAll(env);
        return b.start();
    }
}
