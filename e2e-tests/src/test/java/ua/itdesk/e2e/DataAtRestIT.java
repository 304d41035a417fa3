package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/** Z4, S6: after real logins the DMZ database holds no phone number in clear, in any spelling. */
@ExtendWith(RunningSystem.class)
class DataAtRestIT {

    @Test
    void databaseHoldsNoPhoneNumberInClearAfterLogins(Sandbox sandbox) throws Exception {
        List<SeedPerson> people = SeedPeople.all().stream().filter(SeedPerson::canLogIn).skip(5).limit(3).toList();
        for (SeedPerson person : people) {
            assertThat(Conversation.of(sandbox.telegram(), person).logInToMenu(person).buttonTexts()).isNotEmpty();
        }

        List<String> dump = dumpEveryTable(sandbox);

        assertThat(dump).as("rows in the DMZ database").isNotEmpty();
        for (SeedPerson person : people) {
            String nationalSignificant = person.e164().substring(4); // nine digits after +380
            assertThat(dump).as("no spelling of %s's number", person.latinName())
                    .noneMatch(row -> row.contains(nationalSignificant))
                    .noneMatch(row -> row.replaceAll("[^0-9]", "").contains(person.e164().substring(1)))
                    .noneMatch(row -> row.contains(person.phoneAsStored()));
            assertThat(dump).as("no clear name of %s", person.latinName())
                    .noneMatch(row -> row.contains(person.fullName()));
        }
    }

    private static List<String> dumpEveryTable(Sandbox sandbox) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = RunningSystem.database(sandbox); Statement st = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("users_telegram", "user_sessions", "user_roles_cache", "chat_sessions",
                    "chat_messages", "tickets_cache", "system_log");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        rows.add(table + ": " + rs.getString(1));
                    }
                }
            }
        }
        return rows;
    }
}
