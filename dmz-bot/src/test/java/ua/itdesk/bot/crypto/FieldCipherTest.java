package ua.itdesk.bot.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PHONE = "+380501112233";
    private static final String CONTEXT = "users_telegram.phone:42";

    private final String key1 = randomKey();
    private final String key2 = randomKey();

    @Test
    void decryptsWhatItEncrypted() {
        FieldCipher cipher = new FieldCipher(KeyRing.parse("1:" + key1, 1));

        byte[] sealed = cipher.encrypt(PHONE, CONTEXT);

        assertThat(cipher.decrypt(sealed, CONTEXT)).isEqualTo(PHONE);
    }

    @Test
    void ciphertextCarriesTheKeyIdAndNoPlaintext() {
        FieldCipher cipher = new FieldCipher(KeyRing.parse("1:" + key1 + ",7:" + key2, 7));

        byte[] sealed = cipher.encrypt(PHONE, CONTEXT);

        assertThat(FieldCipher.keyIdOf(sealed)).isEqualTo(7);
        assertThat(sealed).hasSize(2 + 12 + PHONE.length() + 16);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("501112233");
    }

    @Test
    void encryptingTheSameValueTwiceGivesDifferentCiphertexts() {
        FieldCipher cipher = new FieldCipher(KeyRing.parse("1:" + key1, 1));

        assertThat(cipher.encrypt(PHONE, CONTEXT)).isNotEqualTo(cipher.encrypt(PHONE, CONTEXT));
    }

    @Test
    void valuesWrittenBeforeAKeyRotationStillDecrypt() {
        FieldCipher before = new FieldCipher(KeyRing.parse("1:" + key1, 1));
        byte[] old = before.encrypt(PHONE, CONTEXT);

        FieldCipher after = new FieldCipher(KeyRing.parse("1:" + key1 + ",2:" + key2, 2));
        byte[] fresh = after.encrypt(PHONE, CONTEXT);

        assertThat(after.decrypt(old, CONTEXT)).isEqualTo(PHONE);
        assertThat(after.isStale(old)).isTrue();
        assertThat(FieldCipher.keyIdOf(fresh)).isEqualTo(2);
        assertThat(after.isStale(fresh)).isFalse();
    }

    @Test
    void aValueWhoseKeyWasRemovedIsReportedNotGarbled() {
        byte[] old = new FieldCipher(KeyRing.parse("1:" + key1, 1)).encrypt(PHONE, CONTEXT);
        FieldCipher withoutKey1 = new FieldCipher(KeyRing.parse("2:" + key2, 2));

        assertThatThrownBy(() -> withoutKey1.decrypt(old, CONTEXT))
                .isInstanceOf(CryptoException.class).hasMessageContaining("id 1");
    }

    @Test
    void aValueMovedToAnotherRowOrColumnDoesNotDecrypt() {
        FieldCipher cipher = new FieldCipher(KeyRing.parse("1:" + key1, 1));
        byte[] sealed = cipher.encrypt(PHONE, CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(sealed, "users_telegram.phone:43"))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "users_telegram.full_name:42"))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void anAlteredValueDoesNotDecrypt() {
        FieldCipher cipher = new FieldCipher(KeyRing.parse("1:" + key1, 1));
        byte[] sealed = cipher.encrypt(PHONE, CONTEXT);
        sealed[sealed.length - 5] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(sealed, CONTEXT)).isInstanceOf(CryptoException.class);
    }

    @Test
    void rejectsKeysThatAreNotAes256WithoutPrintingThem() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> KeyRing.parse("1:" + shortKey, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void rejectsAnActiveKeyIdThatIsNotConfigured() {
        assertThatThrownBy(() -> KeyRing.parse("1:" + key1, 2)).hasMessageContaining("active-key-id");
    }

    @Test
    void rejectsDuplicateKeyIds() {
        assertThatThrownBy(() -> KeyRing.parse("1:" + key1 + ",1:" + key2, 1)).hasMessageContaining("twice");
    }

    static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
