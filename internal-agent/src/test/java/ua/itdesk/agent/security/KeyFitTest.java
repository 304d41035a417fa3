package ua.itdesk.agent.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFitTest {

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC", "Ed25519"})
    void aKeyFitsItsOwnPublicKeyAndNotAnotherOfTheSameKind(String algorithm) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance(algorithm).generateKeyPair();

        assertThat(KeyFit.fits(pair.getPrivate(), pair.getPublic())).isTrue();
        assertThat(KeyFit.fits(other.getPrivate(), pair.getPublic())).isFalse();
    }

    @Test
    void keysOfDifferentKindsNeverFit() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();

        assertThat(KeyFit.fits(ec.getPrivate(), rsa.getPublic())).isFalse();
    }
}
