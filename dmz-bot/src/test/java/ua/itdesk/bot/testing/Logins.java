package ua.itdesk.bot.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.login.LoginState;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.contracts.v1.EmployeeProfile;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.contracts.v1.SessionToken;

/**
 * People logged in as a successful login through the agent would leave them (through {@link SessionStore}): a
 * fresh Telegram user whose employee id is {@link #employeeOf} and whose agent token is {@link #tokenOf}.
 */
public final class Logins {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private Logins() {
    }

    public static long loggedIn(BotSandbox sandbox, SessionStore sessions, Role role, String language) {
        long user = sandbox.newUser("Olena", language);
        // a first message opens the chat with the bot, as a real user's would
        sandbox.telegram().sendText(user, "/help");
        sandbox.telegram().awaitMessage(user,
                m -> m.plainText().startsWith(language.equals("en") ? "Help" : "Довідка"), WAIT);
        SessionToken token = new SessionToken(tokenOf(user), Instant.now().plus(30, ChronoUnit.MINUTES),
                new EmployeeProfile(employeeOf(user), "Olena Kovalenko", "Accountant", "Finance", role,
                        "okovalenko"));
        sessions.start(user, user, phoneOf(user), token, Language.of(language), LoginState.AUTHENTICATED.name(),
                Instant.now().plus(10, ChronoUnit.MINUTES));
        return user;
    }

    public static String employeeOf(long user) {
        return "E" + user;
    }

    public static String tokenOf(long user) {
        return "header.payload.signature-" + user;
    }

    public static String phoneOf(long user) {
        return String.format("+38050%07d", user % 10_000_000);
    }
}
