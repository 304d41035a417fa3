package ua.itdesk.sandbox.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throwaway PKI for tests and the sandbox: a CA, certificates and a JWT key pair, PEM files in one folder. */
public final class Pki {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LEAF_BACKDATE = Duration.ofHours(1);
    private static final Duration LEAF_LIFETIME = Duration.ofDays(2);
    private static final Duration CA_LIFETIME = Duration.ofDays(3653);
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private static final String CA_CERT = "ca.pem";
    private static final String CA_KEY = "ca-key.pem";
    private static final String AGENT_CERT = "agent.pem";
    private static final String AGENT_KEY = "agent-key.pem";
    private static final String BOT_CERT = "bot.pem";
    private static final String BOT_KEY = "bot-key.pem";
    private static final String SERVICE_CERT = "service.pem";
    private static final String SERVICE_KEY = "service-key.pem";
    private static final String OTHER_CLIENT_CERT = "other-client.pem";
    private static final String OTHER_CLIENT_KEY = "other-client-key.pem";
    private static final String ROGUE_CA_CERT = "rogue-ca.pem";
    private static final String ROGUE_CLIENT_CERT = "rogue-client.pem";
    private static final String ROGUE_CLIENT_KEY = "rogue-client-key.pem";
    private static final String JWT_PRIVATE_KEY = "jwt-private.pem";
    private static final String JWT_PUBLIC_KEY = "jwt-public.pem";

    private final Path dir;

    private Pki(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code dir} and a complete, fresh set of keys and certificates in it (existing files are replaced). */
    public static Pki generate(Path dir) {
        return generate(dir, List.of());
    }

    /**
     * As {@link #generate(Path)}, with the server certificates (agent and services) also valid for
     * {@code serverAddresses}: the stand-ins and the agent are then reached on those addresses, not only on loopback
     * (the zone-boundary test puts them in network namespaces).
     */
    public static Pki generate(Path dir, List<InetAddress> serverAddresses) {
        try {
            Files.createDirectories(dir);
            Pki pki = new Pki(dir.toAbsolutePath());
            Instant now = Instant.now();

            KeyPair caKeys = rsa();
            X500Name caName = name("IT Desk Sandbox", "IT Desk Sandbox CA");
            X509Certificate ca = caCertificate(caName, caKeys, now);
            pki.writeCert(CA_CERT, ca);
            pki.writeKey(CA_KEY, caKeys.getPrivate());

            pki.leaf(AGENT_CERT, AGENT_KEY, "internal-agent", serverAddresses, KeyPurposeId.id_kp_serverAuth,
                    ca, caKeys, now);
            pki.leaf(BOT_CERT, BOT_KEY, "dmz-bot", null, KeyPurposeId.id_kp_clientAuth, ca, caKeys, now);
            pki.leaf(SERVICE_CERT, SERVICE_KEY, "itdesk-sandbox-services", serverAddresses,
                    KeyPurposeId.id_kp_serverAuth, ca, caKeys, now);

            pki.leaf(OTHER_CLIENT_CERT, OTHER_CLIENT_KEY, "other-service", null, KeyPurposeId.id_kp_clientAuth,
                    ca, caKeys, now);

            // The rogue client claims the bot's name; only its issuer gives it away.
            KeyPair rogueCaKeys = rsa();
            X509Certificate rogueCa = caCertificate(name("Impostor", "IT Desk Sandbox CA"), rogueCaKeys, now);
            pki.writeCert(ROGUE_CA_CERT, rogueCa);
            pki.leaf(ROGUE_CLIENT_CERT, ROGUE_CLIENT_KEY, "dmz-bot", null, KeyPurposeId.id_kp_clientAuth,
                    rogueCa, rogueCaKeys, now);

            KeyPair jwt = rsa();
            pki.writeKey(JWT_PRIVATE_KEY, jwt.getPrivate());
            pki.write(JWT_PUBLIC_KEY, pem("PUBLIC KEY", jwt.getPublic().getEncoded()), false);
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the sandbox PKI", e);
        }
    }

    /** A folder written earlier by {@link #generate(Path)}; fails when a file is missing. */
    public static Pki load(Path dir) {
        Pki pki = new Pki(dir.toAbsolutePath());
        for (Path p : List.of(pki.caCert(), pki.agentCert(), pki.agentKey(), pki.botCert(), pki.botKey(),
                pki.serviceCert(), pki.serviceKey(), pki.rogueClientCert(), pki.rogueClientKey(),
                pki.jwtPrivateKey(), pki.jwtPublicKey())) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("not a sandbox PKI folder, missing " + p);
            }
        }
        return pki;
    }

    public Path dir() {
        return dir;
    }

    /** The deployment CA (PEM). */
    public Path caCert() {
        return dir.resolve(CA_CERT);
    }

    /** Agent server certificate: CN=internal-agent, SAN DNS:localhost, IP:127.0.0.1, EKU serverAuth. */
    public Path agentCert() {
        return dir.resolve(AGENT_CERT);
    }

    public Path agentKey() {
        return dir.resolve(AGENT_KEY);
    }

    /** Bot client certificate: CN=dmz-bot, EKU clientAuth. */
    public Path botCert() {
        return dir.resolve(BOT_CERT);
    }

    public Path botKey() {
        return dir.resolve(BOT_KEY);
    }

    /** Server certificate of the internal stand-ins (LDAP, HR, Jira), SAN localhost/127.0.0.1. */
    public Path serviceCert() {
        return dir.resolve(SERVICE_CERT);
    }

    public Path serviceKey() {
        return dir.resolve(SERVICE_KEY);
    }

    /**
     * A client certificate of the deployment CA for another name (CN=other-service, EKU clientAuth): it passes the
     * handshake but is not the bot. Absent from folders written before it existed.
     */
    public Path otherClientCert() {
        return dir.resolve(OTHER_CLIENT_CERT);
    }

    public Path otherClientKey() {
        return dir.resolve(OTHER_CLIENT_KEY);
    }

    /** A client certificate with CN=dmz-bot issued by a different, untrusted CA. */
    public Path rogueClientCert() {
        return dir.resolve(ROGUE_CLIENT_CERT);
    }

    public Path rogueClientKey() {
        return dir.resolve(ROGUE_CLIENT_KEY);
    }

    /** The CA that issued {@link #rogueClientCert()}; trusted by nothing. */
    public Path rogueCaCert() {
        return dir.resolve(ROGUE_CA_CERT);
    }

    /** RSA 2048 private key for signing JWTs, PKCS#8 PEM. */
    public Path jwtPrivateKey() {
        return dir.resolve(JWT_PRIVATE_KEY);
    }

    /** The matching public key, SPKI PEM ("BEGIN PUBLIC KEY"). */
    public Path jwtPublicKey() {
        return dir.resolve(JWT_PUBLIC_KEY);
    }

    /**
     * SSLContext from PEM files; key pair may be null (no client auth), trustedCa may be null (JDK default trust).
     * {@code certPem} may hold a chain (leaf first); {@code trustedCaPem} may hold several CA certificates.
     */
    public static SSLContext sslContext(Path certPem, Path keyPem, Path trustedCaPem) {
        if ((certPem == null) != (keyPem == null)) {
            throw new IllegalArgumentException("certificate and key go together: " + certPem + ", " + keyPem);
        }
        try {
            KeyManager[] keyManagers = null;
            if (certPem != null) {
                List<X509Certificate> chain = readCertificates(certPem);
                PrivateKey key = readPrivateKey(keyPem, chain.get(0).getPublicKey().getAlgorithm());
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                char[] password = new char[0];
                ks.setKeyEntry("key", key, password, chain.toArray(new Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, password);
                keyManagers = kmf.getKeyManagers();
            }
            TrustManager[] trustManagers = null;
            if (trustedCaPem != null) {
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                int i = 0;
                for (X509Certificate ca : readCertificates(trustedCaPem)) {
                    ts.setCertificateEntry("ca-" + i++, ca);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
                trustManagers = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an SSLContext from " + certPem + " / " + trustedCaPem, e);
        }
    }

    /** Every certificate in a PEM file, in file order. */
    public static List<X509Certificate> readCertificates(Path pem) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Collection<? extends Certificate> all =
                    cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : all) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pem);
            }
            return certs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate file: " + pem, e);
        }
    }

    /** An unencrypted PKCS#8 PEM private key of the given algorithm (RSA, EC). */
    public static PrivateKey readPrivateKey(Path pem, String algorithm) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII);
            Matcher m = PEM_BLOCK.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("PRIVATE KEY")) {
                    byte[] der = Base64.getMimeDecoder().decode(m.group(2).strip());
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                }
            }
            throw new IllegalArgumentException("no unencrypted PKCS#8 private key in " + pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable private key " + pem, e);
        }
    }

    /** {@code serverAddresses} null for a client certificate; a server one gets loopback and these as names. */
    private void leaf(String certFile, String keyFile, String commonName, List<InetAddress> serverAddresses,
            KeyPurposeId purpose, X509Certificate issuer, KeyPair issuerKeys, Instant now)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPair keys = rsa();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(),
                Date.from(now.minus(LEAF_BACKDATE)), Date.from(now.plus(LEAF_LIFETIME)),
                name("IT Desk Sandbox", commonName), keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
        if (serverAddresses != null) {
            addServerNames(b, serverAddresses);
        }
        writeCert(certFile, sign(b, issuerKeys.getPrivate()));
        writeKey(keyFile, keys.getPrivate());
    }

    private static void addServerNames(X509v3CertificateBuilder b, List<InetAddress> addresses)
            throws CertIOException {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()));
        for (InetAddress a : addresses) {
            names.add(new GeneralName(GeneralName.iPAddress, a.getHostAddress()));
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
    }

    private static X509Certificate caCertificate(X500Name name, KeyPair keys, Instant now)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(LEAF_BACKDATE)), Date.from(now.plus(CA_LIFETIME)), name, keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(b, keys.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    /** Most significant RDN first, so that RFC 2253 renders "CN=..., O=...". */
    private static X500Name name(String organization, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organization).addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }

    private void writeCert(String file, X509Certificate cert) throws IOException, GeneralSecurityException {
        write(file, pem("CERTIFICATE", cert.getEncoded()), false);
    }

    private void writeKey(String file, PrivateKey key) throws IOException {
        write(file, pem("PRIVATE KEY", key.getEncoded()), true);
    }

    private void write(String file, String content, boolean secret) throws IOException {
        Path target = dir.resolve(file);
        Files.deleteIfExists(target);
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(target, content, StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
