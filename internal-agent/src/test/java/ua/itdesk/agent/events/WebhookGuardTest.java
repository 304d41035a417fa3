package ua.itdesk.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.events.WebhookGuard.Verdict;

class WebhookGuardTest {

    private static final String SECRET = "s3cret-for-tests";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final WebhookGuard guard = new WebhookGuard(SECRET, Duration.ofMinutes(10), 100);
    private final byte[] body = "{\"webhookEvent\":\"comment_created\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theHmacOfTheBodyWithTheSecretIsAccepted() throws Exception {
        assertThat(guard.verify(hubSignature(SECRET, body), body)).isEqualTo(Verdict.ACCEPTED);
        assertThat(guard.verify(hubSignature(SECRET, body).toUpperCase().replace("SHA256=", "sha256="), body))
                .isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aMissingSignatureIsUnsigned() {
        assertThat(guard.verify(null, body)).isEqualTo(Verdict.UNSIGNED);
        assertThat(guard.verify(" ", body)).isEqualTo(Verdict.UNSIGNED);
    }

    @Test
    void anotherSecretAnotherBodyOrAnotherFormatIsRefused() throws Exception {
        assertThat(guard.verify(hubSignature("other", body), body)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(guard.verify(hubSignature(SECRET, body), "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(guard.verify(hubSignature(SECRET, body).substring("sha256=".length()), body))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void theSameDeliveryIdOrTheSameBodyIsAReplay() {
        assertThat(guard.claim(WebhookGuard.claimOf("1001", body), NOW, NOW)).isEqualTo(Verdict.ACCEPTED);

        assertThat(guard.claim(WebhookGuard.claimOf("1001", "{}".getBytes(StandardCharsets.UTF_8)), NOW, NOW))
                .isEqualTo(Verdict.REPLAYED);
        assertThat(guard.claim(WebhookGuard.claimOf("2002", body), NOW, NOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(guard.claim(WebhookGuard.claimOf(null, body), NOW, NOW)).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void aFailedDeliveryMayBeRetried() {
        WebhookGuard.Claim claim = WebhookGuard.claimOf("1001", body);
        guard.claim(claim, NOW, NOW);
        guard.failed(claim);

        assertThat(guard.claim(claim, NOW, NOW)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void deliveriesAreForgottenAfterTheWindowButStaleBodiesStayRefused() {
        guard.claim(WebhookGuard.claimOf("1001", body), NOW, NOW);
        Instant later = NOW.plus(Duration.ofMinutes(11));

        assertThat(guard.claim(WebhookGuard.claimOf("1001", body), NOW, later)).isEqualTo(Verdict.STALE);
        assertThat(guard.claim(WebhookGuard.claimOf("1001", body), later, later)).isEqualTo(Verdict.ACCEPTED);
    }

    private static String hubSignature(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
