package ua.itdesk.bot.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for single column values (phone numbers, names, session tokens).
 *
 * <p>Layout: {@code key id (2 bytes, big-endian) | IV (12 random bytes) | ciphertext | tag (16 bytes)}. The key id
 * in front lets a value outlive a key rotation. The caller's context (column and row, e.g.
 * {@code users_telegram.phone:42}) and the key id are authenticated as associated data, so a value copied into
 * another column or another person's row no longer decrypts.
 */
public final class FieldCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int ID_BYTES = 2;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;

    public FieldCipher(KeyRing keys) {
        this.keys = keys;
    }

    public byte[] encrypt(String plaintext, String context) {
        int keyId = keys.activeId();
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.active(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(keyId, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(ID_BYTES + IV_BYTES + sealed.length)
                    .putShort((short) keyId).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String decrypt(byte[] value, String context) {
        if (value == null || value.length < ID_BYTES + IV_BYTES + TAG_BITS / 8) {
            throw new CryptoException("not an encrypted value");
        }
        int keyId = keyIdOf(value);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, keys.key(keyId),
                    new GCMParameterSpec(TAG_BITS, value, ID_BYTES, IV_BYTES));
            cipher.updateAAD(associatedData(keyId, context));
            byte[] plain = cipher.doFinal(value, ID_BYTES + IV_BYTES, value.length - ID_BYTES - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CryptoException("value does not authenticate (altered, or read in the wrong context)", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot decrypt value", e);
        }
    }

    /** The id of the key a value was encrypted with. */
    public static int keyIdOf(byte[] value) {
        return ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
    }

    /** The id new values are written under. */
    public int activeKeyId() {
        return keys.activeId();
    }

    /** Whether a value was written under a key other than the active one (and should be rewritten). */
    public boolean isStale(byte[] value) {
        return keyIdOf(value) != keys.activeId();
    }

    private static byte[] associatedData(int keyId, String context) {
        return (keyId + "|" + context).getBytes(StandardCharsets.UTF_8);
    }
}
