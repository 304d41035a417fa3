package ua.itdesk.agent.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The session token's keys. Each key is named by its RFC 7638 thumbprint ({@code kid}), computed from the key itself,
 * so that a rotation needs no key ids in configuration: the signing key's id goes into every token's header, and the
 * verifying side picks the listed public key with that id.
 */
public final class JwtKeys {

    private JwtKeys() {
    }

    /** A private key ready to sign, with the id of its public half. */
    public record SigningKey(PrivateKey key, String keyId) {
    }

    /** Reads the RSA private key (PKCS#8 PEM) as it is in the file now, so that replacing the file rotates it. */
    public static SigningKey signingKey(Path pem) {
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(pem), SignatureAlgorithm.RS256);
            if (!(key instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException("the signing key " + pem + " is not an RSA private key with its CRT parts");
            }
            RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new SigningKey(key, keyId(pub));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the signing key " + pem, e);
        }
    }

    /** The RFC 7638 SHA-256 thumbprint of the key, base64url: its {@code kid}. */
    public static String keyId(RSAPublicKey key) {
        try {
            return new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot compute the thumbprint of an RSA key", e);
        }
    }

    /** The public keys (PEM files) as a JSON Web Key Set, each with its {@code kid}, for RS256 signatures only. */
    public static String keySet(List<Path> pemFiles) {
        if (pemFiles.isEmpty()) {
            throw new IllegalStateException("agent.jwt.verify-key names no key");
        }
        List<JsonWebKey> keys = new ArrayList<>();
        for (Path pem : pemFiles) {
            RSAPublicKey key = publicKey(pem);
            RsaJsonWebKey jwk = new RsaJsonWebKey(key);
            jwk.setKeyId(keyId(key));
            jwk.setAlgorithm(SignatureAlgorithm.RS256.getAlgorithm());
            jwk.setUse("sig");
            keys.add(jwk);
        }
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** Reads an RSA public key (PEM). */
    public static RSAPublicKey publicKey(Path pem) {
        try {
            if (KeyUtils.decodePublicKey(Files.readString(pem), SignatureAlgorithm.RS256) instanceof RSAPublicKey rsa) {
                return rsa;
            }
            throw new IllegalStateException(pem + " is not an RSA public key");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the verification key " + pem, e);
        }
    }
}
