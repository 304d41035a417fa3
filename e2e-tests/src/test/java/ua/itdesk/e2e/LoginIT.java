package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.telegram.SentMessage;

/** Login (paper, fig. 2; A1-A7) through the real bot and agent processes and the stand-ins. */
@ExtendWith(RunningSystem.class)
class LoginIT {

    /** Telegram users that are not in the seed, for strangers. */
    private static final AtomicLong STRANGERS = new AtomicLong(9_100_000_000L);

    @Test
    void activeEmployeeSharingOwnContactGetsTheEmployeeMenu(Sandbox sandbox) throws Exception {
        SeedPerson employee = SeedPeople.anActiveEmployee();
        Conversation chat = Conversation.of(sandbox.telegram(), employee);

        SentMessage menu = chat.logInToMenu(employee);

        assertThat(menu.hasInlineKeyboard()).as("menu after login: %s", menu).isTrue();
        assertThat(menu.buttonTexts()).containsExactly("Нова заявка", "Мої заявки", "Довідка");
        assertThat(auditOutcomes(sandbox, employee.telegramUserId(), "LOGIN")).containsExactly("SUCCESS");
    }

    @Test
    void specialistFromANestedGroupGetsTheSpecialistMenu(Sandbox sandbox) {
        SeedPerson specialist = SeedPeople.withRole("specialist").stream().filter(SeedPerson::canLogIn)
                .findFirst().orElseThrow();
        SentMessage menu = Conversation.of(sandbox.telegram(), specialist).logInToMenu(specialist);

        assertThat(menu.plainText() + menu.buttonTexts()).as("menu in %s", specialist.languageCode())
                .containsAnyOf("Призначені мені заявки", "My assigned requests");
        assertThat(menu.buttonTexts()).doesNotContain("Статистика", "Statistics", "Нова заявка", "New request");
    }

    @Test
    void supervisorAlsoGetsStatistics(Sandbox sandbox) {
        SeedPerson supervisor = SeedPeople.withRole("supervisor").get(0);
        SentMessage menu = Conversation.of(sandbox.telegram(), supervisor).logInToMenu(supervisor);

        assertThat(menu.buttonTexts()).containsAnyOf("Статистика", "Statistics");
    }

    @Test
    void greetingFollowsTheTelegramLanguage(Sandbox sandbox) {
        Conversation ukrainian = new Conversation(sandbox.telegram(), STRANGERS.incrementAndGet(), "Олена", null, "uk");
        Conversation english = new Conversation(sandbox.telegram(), STRANGERS.incrementAndGet(), "Ann", null, "en-GB");
        Conversation unknown = new Conversation(sandbox.telegram(), STRANGERS.incrementAndGet(), "Jan", null, null);

        SentMessage uk = ukrainian.send("/start");
        SentMessage en = english.send("/start");
        SentMessage fallback = unknown.send("/start");

        assertThat(uk.requestsContact()).isTrue();
        assertThat(en.requestsContact()).isTrue();
        assertThat(uk.plainText()).containsPattern("[а-яіїєґ]{4,}");
        assertThat(en.plainText()).containsPattern("(?i)phone|log in").doesNotContainPattern("[а-яіїєґ]{4,}");
        assertThat(fallback.plainText()).as("Ukrainian is the default").containsPattern("[а-яіїєґ]{4,}");
    }

    @Test
    void unknownNumberIsRefusedAndAudited(Sandbox sandbox) throws Exception {
        String unknown = "380" + "931234567";
        assertThat(SeedPeople.all()).noneMatch(p -> p.e164().equals("+" + unknown));
        Conversation stranger = new Conversation(sandbox.telegram(), STRANGERS.incrementAndGet(), "Петро", null, "uk");
        stranger.send("/start");

        SentMessage answer = stranger.shareContact(unknown, stranger.userId());

        assertRefused(answer);
        assertThat(auditOutcomes(sandbox, stranger.userId(), "LOGIN")).containsExactly("REFUSED");
    }

    @Test
    void disabledAccountIsRefusedWithTheSameAnswerAndAudited(Sandbox sandbox) throws Exception {
        SeedPerson disabled = SeedPeople.theDisabledOne();
        SentMessage answer = Conversation.of(sandbox.telegram(), disabled).logIn(disabled);

        assertRefused(answer);
        assertThat(auditOutcomes(sandbox, disabled.telegramUserId(), "LOGIN")).containsExactly("REFUSED");
    }

    @Test
    void personMissingFromHrIsRefusedAndAudited(Sandbox sandbox) throws Exception {
        SeedPerson contractor = SeedPeople.theOneMissingFromHr();
        SentMessage answer = Conversation.of(sandbox.telegram(), contractor).logIn(contractor);

        assertRefused(answer);
        assertThat(auditOutcomes(sandbox, contractor.telegramUserId(), "LOGIN")).containsExactly("REFUSED");
    }

    @Test
    void forwardedContactOfSomeoneElseIsRefusedAndAudited(Sandbox sandbox) throws Exception {
        SeedPerson victim = SeedPeople.withRole("specialist").get(1);
        Conversation attacker = new Conversation(sandbox.telegram(), STRANGERS.incrementAndGet(), "Mallory", null, "en");
        attacker.send("/start");

        SentMessage answer = attacker.shareContact(victim.e164().substring(1), victim.telegramUserId());
        SentMessage typedIn = attacker.shareContact(victim.e164().substring(1), null);

        assertRefused(answer);
        assertRefused(typedIn);
        assertThat(auditOutcomes(sandbox, attacker.userId(), "CONTACT_REJECTED")).containsExactly("REFUSED", "REFUSED");
        assertThat(auditOutcomes(sandbox, attacker.userId(), "LOGIN")).as("the agent was never asked").isEmpty();
    }

    @Test
    void idleSessionAsksToLogInAgainAndTheAgentVerifiesAfresh(Sandbox sandbox) throws Exception {
        SeedPerson employee = SeedPeople.all().stream()
                .filter(p -> p.canLogIn() && p.role().equals("employee"))
                .skip(3).findFirst().orElseThrow();
        Conversation chat = Conversation.of(sandbox.telegram(), employee);
        assertThat(chat.logInToMenu(employee).buttonTexts()).isNotEmpty();

        try (Connection db = RunningSystem.database(sandbox);
             PreparedStatement age = db.prepareStatement("UPDATE user_sessions SET last_activity_at = now() - "
                     + "interval '31 minutes' WHERE telegram_user_id = ?")) {
            age.setLong(1, employee.telegramUserId());
            assertThat(age.executeUpdate()).isEqualTo(1);
        }

        sandbox.telegram().sendText(employee.telegramUserId(), "/menu");
        SentMessage answer = chat.next(SentMessage::requestsContact);

        assertThat(answer.buttonTexts()).as("asks to log in again: %s", answer).isNotEmpty();
        assertThat(auditOutcomes(sandbox, employee.telegramUserId(), "SESSION_EXPIRED")).isNotEmpty();

        sandbox.telegram().sendContact(employee.telegramUserId(), employee.e164().substring(1),
                employee.telegramUserId(), employee.firstName());
        assertThat(chat.next(SentMessage::hasInlineKeyboard).buttonTexts()).contains("Нова заявка");
        assertThat(auditOutcomes(sandbox, employee.telegramUserId(), "LOGIN")).containsExactly("SUCCESS", "SUCCESS");
    }

    private static void assertRefused(SentMessage answer) {
        assertThat(answer.buttonTexts()).as("no menu for a refused login: %s", answer)
                .doesNotContain("Нова заявка", "New request", "Довідка", "Help");
        assertThat(answer.plainText()).isNotBlank();
    }

    static List<String> auditOutcomes(Sandbox sandbox, long telegramUserId, String event) throws Exception {
        List<String> outcomes = new ArrayList<>();
        try (Connection db = RunningSystem.database(sandbox);
             PreparedStatement q = db.prepareStatement("SELECT outcome FROM system_log WHERE telegram_user_id = ? "
                     + "AND event_type = ? ORDER BY id")) {
            q.setLong(1, telegramUserId);
            q.setString(2, event);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    outcomes.add(rs.getString(1));
                }
            }
        }
        return outcomes;
    }
}
