package ua.itdesk.bot.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The webhook's shared secret. Compared through SHA-256 digests with {@link MessageDigest#isEqual}, so the time
 * taken reveals neither the matching prefix nor the secret's length.
 */
final class WebhookSecret {

    static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** What Telegram accepts as secret_token. */
    static final String PATTERN = "[A-Za-z0-9_-]{1,256}";

    private final byte[] expectedDigest;

    WebhookSecret(String secret) {
        if (secret == null || !secret.matches(PATTERN)) {
            throw new IllegalArgumentException("bot.telegram.webhook-secret must be 1-256 of A-Z a-z 0-9 _ -");
        }
        this.expectedDigest = digest(secret);
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
