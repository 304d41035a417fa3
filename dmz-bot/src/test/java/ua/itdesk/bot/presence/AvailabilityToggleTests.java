package ua.itdesk.bot.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.testing.Await;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.FakeAgent;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Logins;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.contracts.v1.Presence;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.sandbox.telegram.SentMessage;

/** The specialist's availability toggle: stored, shown on the button, and pushed to the (scripted) agent. */
@QuarkusTest
@WithTestResource(value = BotTestResources.class,
        initArgs = @ResourceArg(name = BotTestResources.AGENT, value = "fake"))
class AvailabilityToggleTests {

    private static final String PRESENCE = "/api/v1/presence";

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    DataSource db;

    @Inject
    SessionStore sessions;

    @BeforeEach
    void scriptTheAgent() {
        sandbox.agent().reset();
        sandbox.agent().on("PUT", PRESENCE, (call, path) -> FakeAgent.Answer.json(presenceOf(call)));
    }

    @Test
    void goingOnlineIsStoredShownOnTheButtonAndSentToTheAgent() {
        long specialist = Logins.loggedIn(sandbox, sessions, Role.SPECIALIST, "en");
        String employee = Logins.employeeOf(specialist);
        SentMessage menu = menu(specialist);
        assertThat(menu.buttonTexts()).contains("🔴 You are offline: go online");

        press(specialist, menu, "🔴 You are offline: go online");

        await(specialist, m -> m.plainText().equals("🟢 You are online: new requests can be assigned to you."));
        SentMessage after = await(specialist, m -> m.buttonTexts().contains("🟢 You are online: go offline"));
        assertThat(after.plainText()).startsWith("Main menu");
        assertThat(online(employee)).isTrue();
        assertThat(lastPushed().onlineEmployeeIds()).contains(employee);
        assertThat(Rows.auditOf(db, specialist)).extracting(r -> r.get("event_type") + "/" + r.get("details"))
                .contains("AVAILABILITY_CHANGED/online");
    }

    @Test
    void goingOfflineAgainTakesTheSpecialistOutOfTheSetTheAgentGets() {
        long specialist = Logins.loggedIn(sandbox, sessions, Role.SUPERVISOR, "uk");
        String employee = Logins.employeeOf(specialist);
        press(specialist, menu(specialist), "🔴 Ви офлайн: стати онлайн");
        SentMessage online = await(specialist, m -> m.buttonTexts().contains("🟢 Ви онлайн: стати офлайн"));

        press(specialist, online, "🟢 Ви онлайн: стати офлайн");

        await(specialist, m -> m.plainText().startsWith("🔴 Ви офлайн: нові заявки вам не призначатимуться."));
        assertThat(online(employee)).isFalse();
        Await.until(() -> !lastPushed().onlineEmployeeIds().contains(employee));
    }

    @Test
    void logoutTakesAnOnlineSpecialistOffline() {
        long specialist = Logins.loggedIn(sandbox, sessions, Role.SPECIALIST, "en");
        String employee = Logins.employeeOf(specialist);
        press(specialist, menu(specialist), "🔴 You are offline: go online");
        Await.until(() -> online(employee));

        sandbox.telegram().sendText(specialist, "/logout");

        await(specialist, m -> m.plainText().startsWith("You are logged out"));
        assertThat(online(employee)).isFalse();
        Await.until(() -> !lastPushed().onlineEmployeeIds().contains(employee));
    }

    private SentMessage menu(long user) {
        int before = sandbox.telegram().messagesTo(user).size();
        sandbox.telegram().sendText(user, "/menu");
        Await.until(() -> sandbox.telegram().messagesTo(user).size() > before);
        return await(user, m -> m.hasInlineKeyboard() && sandbox.telegram().messagesTo(user).indexOf(m) >= before);
    }

    private void press(long user, SentMessage menu, String label) {
        sandbox.telegram().pressButton(user, menu.messageId(), menu.callbackDataOf(label).orElseThrow());
    }

    private boolean online(String employee) {
        List<java.util.Map<String, Object>> rows = Rows.query(db,
                "SELECT online FROM specialist_availability WHERE employee_id = ?", employee);
        return !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0).get("online"));
    }

    private Presence lastPushed() {
        List<FakeAgent.Call> calls = sandbox.agent().calls("PUT", PRESENCE);
        assertThat(calls).isNotEmpty();
        return presenceOf(calls.get(calls.size() - 1));
    }

    private static Presence presenceOf(FakeAgent.Call call) {
        try {
            return FakeAgent.JSON.readValue(call.body(), Presence.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SentMessage await(long user, java.util.function.Predicate<SentMessage> condition) {
        return sandbox.telegram().awaitMessage(user, condition, Await.WAIT);
    }
}
