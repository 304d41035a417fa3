package ua.itdesk.agent.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import ua.itdesk.agent.security.JwtKeys;
import ua.itdesk.sandbox.people.SeedPerson;

/** Session tokens made by a test, as the agent makes them or as an attacker would. */
public final class Tokens {

    private Tokens() {
    }

    /** The claims the agent writes for this person and role, valid for ten minutes. */
    public static JwtClaimsBuilder claimsFor(SeedPerson person, String group) {
        return Jwt.issuer("itdesk-agent").audience("itdesk-bot").subject(person.employeeId())
                .upn(person.employeeId()).groups(group).claim("name", person.fullName())
                .expiresAt(Instant.now().plusSeconds(600));
    }

    /** Signed with the private key in this PEM file, its {@code kid} in the header as the agent writes it. */
    public static String signedWith(JwtClaimsBuilder claims, Path privateKeyPem) {
        JwtKeys.SigningKey key = JwtKeys.signingKey(privateKeyPem);
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(key.keyId()).sign(key.key());
    }

    /** The JOSE header of a compact token, as JSON text. */
    public static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    }

    /** The token with its header replaced (the payload and signature kept): {@code alg} or {@code kid} forged. */
    public static String withHeader(String token, String headerJson) {
        String encoded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(headerJson.getBytes(StandardCharsets.UTF_8));
        return encoded + token.substring(token.indexOf('.'));
    }

    /** The token with its payload replaced (the header and signature kept): claims tampered with. */
    public static String withPayload(String token, String payloadJson) {
        String[] parts = token.split("\\.");
        String encoded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + encoded + "." + parts[2];
    }
}
