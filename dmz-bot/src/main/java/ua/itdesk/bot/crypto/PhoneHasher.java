package ua.itdesk.bot.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of an E.164 number: equal numbers give equal hashes, so a number can be looked up and kept unique
 * without being stored in clear, and without the key the hash cannot be reversed by enumerating the (small) space
 * of phone numbers (Z4).
 */
public final class PhoneHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    public PhoneHasher(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("bot.crypto.hmac-key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** From the base64 text of {@code bot.crypto.hmac-key}. */
    public static PhoneHasher fromBase64(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bot.crypto.hmac-key is not valid base64");
        }
        return new PhoneHasher(key);
    }

    /** The 32-byte hash of a number in E.164 form ({@code +380501112233}). */
    public byte[] hash(String e164) {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("not an E.164 number");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(e164.getBytes(StandardCharsets.US_ASCII));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC key rejected", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
