package ua.itdesk.sandbox.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    private static EmbeddedDatabase db;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.start(0);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void theItdeskRoleConnectsOverJdbcAndOwnsItsDatabase() throws SQLException {
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + db.port() + "/itdesk");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (id bigint PRIMARY KEY, note text)");
            s.execute("INSERT INTO probe VALUES (1, 'Привіт')");
            try (ResultSet rs = s.executeQuery(
                    "SELECT current_user, current_database(), note, version() FROM probe WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("itdesk");
                assertThat(rs.getString(2)).isEqualTo("itdesk");
                assertThat(rs.getString(3)).isEqualTo("Привіт");
                assertThat(rs.getString(4)).startsWith("PostgreSQL");
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedBecauseTheServerChecksIt() {
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), "wrong").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void anUnavailableDatabaseCutsOpenConnectionsRefusesNewOnesAndKeepsItsDataForWhenItReturns()
            throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (note text)");
            s.execute("INSERT INTO kept VALUES ('before the outage')");
            db.setAvailable(false);
            try {
                assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())
                        .close()).isInstanceOf(SQLException.class).hasMessageContaining("not currently accepting");
            } finally {
                db.setAvailable(true);
            }
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("before the outage");
        }
    }
}
