package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ua.itdesk.e2e.LiveChat.SKIP;
import static ua.itdesk.e2e.LiveChat.ask;
import static ua.itdesk.e2e.LiveChat.awaitOffer;
import static ua.itdesk.e2e.LiveChat.onlyOnline;
import static ua.itdesk.e2e.LiveChat.openRequest;
import static ua.itdesk.e2e.LiveChat.rate;
import static ua.itdesk.e2e.LiveChat.specialists;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * Z4, S6: after real logins, requests, Jira comments and a consultation, the DMZ database and the bot's log hold no
 * phone number in clear and no text of a request or a Jira comment; chat texts only in CHAT_MESSAGES (until the
 * retention purge, proven in the bot's ChatSyncTests).
 */
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

    @Test
    void secretsOfRequestsCommentsAndChatsStayOutOfTheDmzButForChatMessagesAndOutOfTheBotLog(Sandbox sandbox)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String inDescription = "SECRET-DESCRIPTION-" + run;
        String inComment = "SECRET-COMMENT-" + run;
        String inChat = "SECRET-CHAT-" + run;
        String inFileName = "secret-file-" + run + ".pdf";
        JiraStandIn jira = sandbox.jira();

        // a request filed in the chat, and a specialist's answer to it in Jira that the employee reads in Telegram
        SeedPerson filer = SeedPeople.withRole("employee").stream().filter(SeedPerson::canLogIn)
                .filter(p -> "uk".equals(p.languageCode())).sorted(Comparator.comparing(SeedPerson::employeeId))
                .skip(9).findFirst().orElseThrow(); // someone whose logins no other scenario counts
        Conversation c = Conversation.of(sandbox.telegram(), filer);
        String key = RequestWizard.fileRequest(c, "Інше", "Низький", "Запит з секретом " + run,
                "Код доступу " + inDescription, null);
        jira.addPublicComment(key, SeedPeople.withRole("specialist").get(0).login(), "Відповідь: " + inComment);
        c.next(m -> m.plainText().contains(inComment));

        // a consultation with a secret in a message and in a file name, written to the request
        onlyOnline(sandbox, specialists().subList(0, 1));
        LiveChat.Asked asked = ask(sandbox, openRequest(jira, null));
        Conversation s = awaitOffer(sandbox, asked.key(), p -> true).accept(asked.employee());
        asked.employee().postText("Мій пароль " + inChat, null);
        s.next(m -> m.plainText().contains(inChat));
        asked.employee().postDocument(inFileName, "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(
                StandardCharsets.US_ASCII), "знімок налаштувань", null);
        s.next(m -> m.plainText().contains("знімок налаштувань"));
        asked.employee().postText("/end", null);
        rate(asked.employee(), SKIP);
        await().atMost(Duration.ofSeconds(60)).until(() -> jira.request(asked.key()).orElseThrow().comments()
                .stream().anyMatch(comment -> comment.body().contains(inChat)));

        List<String> dump = dumpEveryTable(sandbox);
        assertThat(dump).as("texts of requests and of Jira comments are never kept in the DMZ")
                .noneMatch(row -> row.contains(inDescription) || row.contains(inComment));
        assertThat(dump).as("chat texts only in chat_messages")
                .filteredOn(row -> row.contains(inChat) || row.contains(run + ".pdf"))
                .allMatch(row -> row.startsWith("chat_messages: "));
        String botLog = Files.readString(sandbox.bot().log());
        assertThat(botLog).as("the bot's log")
                .doesNotContain(inDescription, inComment, inChat, inFileName)
                .doesNotContain(filer.e164().substring(4), asked.person().e164().substring(4));
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
