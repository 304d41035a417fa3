package ua.itdesk.bot.crypto;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Versioned AES-256 keys. New values are encrypted under the active key; older ids stay listed so that values
 * written before a rotation still decrypt (S2).
 */
public final class KeyRing {

    static final int KEY_BYTES = 32;
    static final int MAX_KEY_ID = 0xFFFF;

    private final Map<Integer, SecretKey> keys;
    private final int activeId;

    private KeyRing(Map<Integer, SecretKey> keys, int activeId) {
        this.keys = Collections.unmodifiableMap(keys);
        this.activeId = activeId;
    }

    /**
     * Parses {@code "1:<base64>,2:<base64>"}. Error messages name the offending id, never key material.
     *
     * @throws IllegalArgumentException when a pair is malformed, a key is not 32 bytes, an id repeats or the active
     *                                  id is missing
     */
    public static KeyRing parse(String spec, int activeId) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("bot.crypto.keys is empty");
        }
        Map<Integer, SecretKey> keys = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            String trimmed = pair.strip();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("bot.crypto.keys entries must look like <id>:<base64>");
            }
            int id;
            try {
                id = Integer.parseInt(trimmed.substring(0, colon).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bot.crypto.keys: a key id is not a number");
            }
            if (id < 1 || id > MAX_KEY_ID) {
                throw new IllegalArgumentException("bot.crypto.keys: key id " + id + " is outside 1.." + MAX_KEY_ID);
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(trimmed.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bot.crypto.keys: key " + id + " is not valid base64");
            }
            if (material.length != KEY_BYTES) {
                throw new IllegalArgumentException("bot.crypto.keys: key " + id + " must be 32 bytes (AES-256), is "
                        + material.length);
            }
            if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalArgumentException("bot.crypto.keys: key id " + id + " is listed twice");
            }
        }
        if (!keys.containsKey(activeId)) {
            throw new IllegalArgumentException("bot.crypto.active-key-id " + activeId + " is not in bot.crypto.keys");
        }
        return new KeyRing(keys, activeId);
    }

    int activeId() {
        return activeId;
    }

    SecretKey active() {
        return keys.get(activeId);
    }

    SecretKey key(int id) {
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new CryptoException("no key with id " + id + " is configured (bot.crypto.keys)");
        }
        return key;
    }
}
