package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * Live consultations as the people do them in the chat (Ukrainian-speaking employees): who is online, asking about a
 * request, the offer, accepting, rating, leaving the queue. Requests are handed out once per run, so scenarios in
 * different classes never ask about the same one.
 */
final class LiveChat {

    static final String ACCEPT = "✅";
    static final String LEAVE = "Вийти з черги";
    static final String SKIP = "Пропустити";
    private static final Set<String> TAKEN = ConcurrentHashMap.newKeySet();

    private LiveChat() {
    }

    /** An employee, logged in, who asked for a consultation on their request and read the bot's first answer. */
    record Asked(String key, SeedPerson person, Conversation employee) {
    }

    static Asked ask(Sandbox sandbox, JiraRequest request) {
        SeedPerson employee = employee(request.reporter()).orElseThrow();
        Conversation e = Conversation.of(sandbox.telegram(), employee);
        SentMessage menu = e.logInToMenu(employee);
        SentMessage detail = e.pressData(menu, "rq|d|" + request.key());
        assertThat(detail.plainText()).contains(request.key());
        SentMessage searching = e.press(detail, "💬 Зв'язатися з фахівцем онлайн");
        assertThat(searching.plainText()).as("the answer to the contact button").contains(request.key())
                .doesNotContain("вирішено", "недоступна");
        return new Asked(request.key(), employee, e);
    }

    /** An open request of the seed (of the given Jira priority, or any) raised by a Ukrainian-speaking employee. */
    static JiraRequest openRequest(JiraStandIn jira, String priority) {
        JiraRequest request = jira.requests().stream().filter(r -> !"DONE".equals(r.statusCategory()))
                .filter(r -> priority == null || priority.equals(r.priority()))
                .filter(r -> employee(r.reporter()).isPresent()).filter(r -> !TAKEN.contains(r.key()))
                .filter(r -> TAKEN.stream().noneMatch(k -> jira.request(k).map(JiraRequest::reporter)
                        .filter(r.reporter()::equals).isPresent()))
                .max(Comparator.comparing(JiraRequest::key)).orElseThrow(() -> new IllegalStateException(
                        "the seed has no more open requests of priority " + priority + " for these scenarios"));
        TAKEN.add(request.key());
        return request;
    }

    record Offer(SeedPerson specialist, SentMessage message) {

        /** The specialist accepts; returns their side once the employee has been told the chat began. */
        Conversation accept(Conversation employee) {
            Conversation s = Conversation.of(employee.telegram(), specialist);
            s.pressOnly(message, ACCEPT);
            employee.next(m -> m.plainText().startsWith("👋"));
            s.next(m -> m.plainText().startsWith("👋"));
            return s;
        }

        /** The specialist (their side of the chat given) presses Decline, whatever their language. */
        void decline(Conversation s) {
            String label = message.buttonTexts().stream()
                    .filter(t -> message.callbackDataOf(t).filter(d -> d.startsWith("cs|d|")).isPresent())
                    .findFirst().orElseThrow();
            s.pressOnly(message, label);
        }
    }

    /** The live offer (its Accept button still there) of {@code key} that a specialist matching {@code who} has. */
    static Offer awaitOffer(Sandbox sandbox, String key, Predicate<SeedPerson> who) {
        Offer[] found = new Offer[1];
        List<SeedPerson> candidates = SeedPeople.all().stream().filter(who).toList();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (SeedPerson p : candidates) {
                    for (SentMessage m : sandbox.telegram().messagesTo(p.telegramUserId())) {
                        if (m.plainText().contains(key)
                                && m.buttonTexts().stream().anyMatch(t -> t.startsWith(ACCEPT))) {
                            found[0] = new Offer(p, m);
                            return true;
                        }
                    }
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            SeedPerson employee = employee(sandbox.jira().request(key).orElseThrow().reporter()).orElseThrow();
            throw new AssertionError("no specialist was offered " + key + "; the employee read "
                    + sandbox.telegram().messagesTo(employee.telegramUserId()).stream().map(SentMessage::plainText)
                    .toList(), e);
        }
        return found[0];
    }

    /** The next message telling this employee their place in the queue. */
    static SentMessage position(Asked asked) {
        return asked.employee().next(m -> m.plainText().contains("у черзі") && m.plainText().contains(asked.key()));
    }

    static void leave(Asked asked) {
        SentMessage last = asked.employee().all().stream()
                .filter(m -> m.buttonTexts().contains(LEAVE) && m.plainText().contains(asked.key()))
                .reduce((a, b) -> b).orElseThrow();
        asked.employee().pressOnly(last, LEAVE);
        asked.employee().next(m -> m.plainText().contains("вийшли з черги") && m.plainText().contains(asked.key()));
    }

    /** Answers the rating question that follows the end of a chat; the question turns into the thanks. */
    static void rate(Conversation employee, String button) {
        // the question may have come together with the message the scenario waited for last: look at the whole chat
        SentMessage question = employee.telegram().awaitMessage(employee.userId(),
                m -> m.buttonTexts().contains("5⭐"), Conversation.ANSWER_TIMEOUT);
        employee.pressOnly(question, button);
        employee.awaitEdit(question, m -> m.plainText().startsWith("Дякуємо"));
    }



    static Optional<SeedPerson> employee(String login) {
        return SeedPeople.withRole("employee").stream().filter(SeedPerson::canLogIn)
                .filter(p -> "uk".equals(p.languageCode())).filter(p -> p.login().equals(login)).findFirst();
    }

    /** The specialists who can log in, in a fixed order. */
    static List<SeedPerson> specialists() {
        return SeedPeople.withRole("specialist").stream().filter(SeedPerson::canLogIn)
                .sorted(Comparator.comparing(SeedPerson::login)).toList();
    }

    /** Exactly these specialists are online (and the supervisor is not). */
    static void onlyOnline(Sandbox sandbox, List<SeedPerson> wanted) {
        for (SeedPerson p : SeedPeople.all()) {
            if (!p.canLogIn() || "employee".equals(p.role())) {
                continue;
            }
            Conversation c = Conversation.of(sandbox.telegram(), p);
            SentMessage menu = c.logInToMenu(p);
            String toggle = wanted.contains(p) ? "🔴" : "🟢";
            Optional<String> button = menu.buttonTexts().stream().filter(t -> t.startsWith(toggle)).findFirst();
            if (button.isPresent()) {
                // an offer may come before the confirmation when someone is waiting already
                c.pressOnly(menu, button.get());
                c.next(m -> m.plainText().startsWith(wanted.contains(p) ? "🟢" : "🔴"));
            }
        }
    }
}
