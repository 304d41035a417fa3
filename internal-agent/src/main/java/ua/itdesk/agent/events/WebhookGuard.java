package ua.itdesk.agent.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checks a Jira webhook passes before its content is read: the signature Jira makes with the shared secret
 * ({@code X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)>}), compared in constant time; and replay. The
 * delivery id ({@code X-Atlassian-Webhook-Identifier}) is not signed, so a delivery counts as seen by its id and by
 * its signed body: a body seen within the window is ignored whatever id it comes with, and a body stamped earlier
 * than the window is refused, so it cannot be replayed once forgotten. A delivery is claimed while it is processed
 * and remembered only when it succeeded, so that Jira's retry of a failed one goes through.
 */
final class WebhookGuard {

    static final String SIGNATURE_PREFIX = "sha256=";

    enum Verdict { ACCEPTED, UNSIGNED, BAD_SIGNATURE, REPLAYED, STALE }

    private final SecretKeySpec key;
    private final Duration window;
    private final int maxRemembered;
    /** Delivery ids and body digests, each with when it stops counting; insertion order is expiry order. */
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    WebhookGuard(String secret, Duration window, int maxRemembered) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.window = window;
        this.maxRemembered = maxRemembered;
    }

    /** Whether the signature header is the body's signature with the shared secret. */
    Verdict verify(String signatureHeader, byte[] body) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return Verdict.UNSIGNED;
        }
        String given = signatureHeader.strip().toLowerCase(Locale.ROOT);
        byte[] expected = signature(body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII)) ? Verdict.ACCEPTED
                : Verdict.BAD_SIGNATURE;
    }

    /**
     * Claims a verified delivery for processing: {@link Verdict#REPLAYED} when its id or body was seen (or is being
     * processed), {@link Verdict#STALE} when Jira stamped it earlier than the window. A claim stays
     * remembered unless {@link #failed} releases it.
     */
    synchronized Verdict claim(Claim claim, Instant stamped, Instant now) {
        expire(now);
        if (stamped != null && stamped.isBefore(now.minus(window))) {
            return Verdict.STALE;
        }
        if ((claim.deliveryId() != null && seen.containsKey(claim.idKey())) || seen.containsKey(claim.bodyKey())) {
            return Verdict.REPLAYED;
        }
        Instant until = now.plus(window);
        if (claim.deliveryId() != null) {
            seen.put(claim.idKey(), until);
        }
        seen.put(claim.bodyKey(), until);
        while (seen.size() > maxRemembered) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return Verdict.ACCEPTED;
    }

    /** Processing failed: Jira's retry of this delivery is welcome. */
    synchronized void failed(Claim claim) {
        if (claim.deliveryId() != null) {
            seen.remove(claim.idKey());
        }
        seen.remove(claim.bodyKey());
    }

    /** The claim of a delivery with this id (may be null) and body. */
    static Claim claimOf(String deliveryId, byte[] body) {
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            return new Claim(deliveryId == null || deliveryId.isBlank() ? null : deliveryId, digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String signature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return SIGNATURE_PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void expire(Instant now) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext() && !it.next().getValue().isAfter(now)) {
            it.remove();
        }
    }

    record Claim(String deliveryId, String bodyDigest) {
        String idKey() {
            return "id:" + deliveryId;
        }

        String bodyKey() {
            return "body:" + bodyDigest;
        }
    }
}
