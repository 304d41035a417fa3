package ua.itdesk.bot.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PhoneHasherTest {

    private final PhoneHasher hasher = PhoneHasher.fromBase64(FieldCipherTest.randomKey());

    @Test
    void theSameNumberAlwaysHashesTheSame() {
        assertThat(hasher.hash("+380501112233")).isEqualTo(hasher.hash("+380501112233")).hasSize(32);
    }

    @Test
    void differentNumbersHashDifferently() {
        assertThat(hasher.hash("+380501112233")).isNotEqualTo(hasher.hash("+380501112234"));
    }

    @Test
    void theHashDependsOnTheKey() {
        PhoneHasher other = PhoneHasher.fromBase64(FieldCipherTest.randomKey());

        assertThat(hasher.hash("+380501112233")).isNotEqualTo(other.hash("+380501112233"));
    }

    @Test
    void isHmacSha256OfTheE164Text() {
        // computed independently: python3 -c "import hmac,hashlib; print(hmac.new(bytes(32), b'+380501112233',
        // hashlib.sha256).hexdigest())"
        PhoneHasher zeroKey = new PhoneHasher(new byte[32]);

        assertThat(HexFormat.of().formatHex(zeroKey.hash("+380501112233")))
                .isEqualTo("c438c29f9efc14bc32dfb94a4ad9234e1d5766fd1ef8f7b076a513afe9a7d997");
    }

    @Test
    void acceptsOnlyNormalizedNumbers() {
        assertThatThrownBy(() -> hasher.hash("050-111-22-33")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new PhoneHasher(new byte[16])).hasMessageContaining("32 bytes");
    }
}
