package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * Issue 4 end to end: an employee asks for a consultation on their request, a specialist accepts, they talk with
 * text, a photo and a document, the chat ends and is rated; the whole of it is found on the request in Jira in
 * order. Through the real bot and agent processes and the stand-ins.
 */
@ExtendWith(RunningSystem.class)
class ConsultationsIT {

    private static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F',
        'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xD9};
    private static final byte[] PDF = "%PDF-1.4\n% consultation test\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final String MARKER = "[Telegram consultation]";

    @Test
    void anAcceptedConsultationRelaysTextPhotoAndDocumentAndEverythingLandsOnTheRequestInOrder(Sandbox sandbox) {
        JiraStandIn jira = sandbox.jira();
        SeedPerson specialist = SeedPeople.withRole("specialist").stream().filter(SeedPerson::canLogIn)
                .max(Comparator.comparing(SeedPerson::login)).orElseThrow();
        goOnline(sandbox, specialist);
        // the employee and their open request come from the seed; the employee is not the one other scenarios use
        JiraRequest request = jira.requests().stream().filter(r -> !"DONE".equals(r.statusCategory()))
                .filter(r -> employee(r.reporter()).isPresent())
                .max(Comparator.comparing(JiraRequest::key)).orElseThrow();
        SeedPerson employee = employee(request.reporter()).orElseThrow();
        String key = request.key();

        Conversation e = Conversation.of(sandbox.telegram(), employee);
        SentMessage menu = e.logInToMenu(employee);
        SentMessage detail = e.pressData(menu, "rq|d|" + key);
        assertThat(detail.plainText()).contains(key);
        SentMessage searching = e.press(detail, "💬 Зв'язатися з фахівцем онлайн");
        assertThat(searching.plainText()).contains(key);

        // the agent ranks the specialists online; whoever it put first has the offer
        Offer offer = awaitOffer(sandbox, key, employee);
        Conversation s = Conversation.of(sandbox.telegram(), offer.specialist());
        s.pressData(offer.message(), offer.message().callbackDataOf(offer.message().buttonTexts().stream()
                .filter(t -> t.startsWith("✅")).findFirst().orElseThrow()).orElseThrow());
        e.next(m -> m.plainText().contains(key) && m.plainText().startsWith("👋"));

        e.postText("Добрий день, принтер не друкує", null);
        s.next(m -> m.plainText().contains("Добрий день, принтер не друкує"));
        s.postText("Перезавантажте його, будь ласка", null);
        e.next(m -> m.plainText().contains("Перезавантажте його, будь ласка"));
        e.postPhoto(PHOTO, "ось що на екрані", null);
        s.next(m -> m.plainText().contains("ось що на екрані"));
        s.postDocument("instruktsiia.pdf", "application/pdf", PDF, "інструкція", null);
        e.next(m -> m.plainText().contains("інструкція"));

        e.postText("/end", null);
        SentMessage rating = e.next(m -> m.buttonTexts().contains("5⭐"));
        e.press(rating, "5⭐");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JiraRequest now = jira.request(key).orElseThrow();
            List<String> chat = now.comments().stream().map(JiraRequest.Comment::body)
                    .filter(b -> b.startsWith(MARKER)).toList();
            String all = String.join("\n", chat);
            assertThat(all).contains("Добрий день, принтер не друкує", "Перезавантажте його, будь ласка",
                    "ось що на екрані", "інструкція", "5/5");
            assertThat(all.indexOf("Добрий день")).isLessThan(all.indexOf("Перезавантажте"));
            assertThat(all.indexOf("Перезавантажте")).isLessThan(all.indexOf("ось що на екрані"));
            assertThat(all.indexOf("інструкція")).isLessThan(all.indexOf("5/5"));
            assertThat(now.attachments()).extracting(JiraRequest.Attachment::content)
                    .contains(PHOTO, PDF);
        });
        // every part once: nothing was written twice on the way
        JiraRequest done = jira.request(key).orElseThrow();
        assertThat(done.comments().stream().map(JiraRequest.Comment::body)
                .filter(b -> b.contains("Добрий день, принтер не друкує")).count()).isEqualTo(1);
    }

    private record Offer(SeedPerson specialist, SentMessage message) {
    }

    private static Offer awaitOffer(Sandbox sandbox, String key, SeedPerson employee) {
        Offer[] found = new Offer[1];
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (SeedPerson p : SeedPeople.all()) {
                    for (SentMessage m : sandbox.telegram().messagesTo(p.telegramUserId())) {
                        if (m.plainText().contains(key) && m.buttonTexts().stream().anyMatch(t -> t.startsWith("✅"))) {
                            found[0] = new Offer(p, m);
                            return true;
                        }
                    }
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no specialist was offered " + key + "; the employee read "
                    + sandbox.telegram().messagesTo(employee.telegramUserId()).stream().map(SentMessage::plainText)
                    .toList(), e);
        }
        return found[0];
    }

    private static Optional<SeedPerson> employee(String login) {
        return SeedPeople.withRole("employee").stream().filter(SeedPerson::canLogIn)
                .filter(p -> "uk".equals(p.languageCode())).filter(p -> p.login().equals(login)).findFirst();
    }

    private static void goOnline(Sandbox sandbox, SeedPerson specialist) {
        Conversation s = Conversation.of(sandbox.telegram(), specialist);
        SentMessage menu = s.logInToMenu(specialist);
        Optional<String> off = menu.buttonTexts().stream().filter(t -> t.startsWith("🔴")).findFirst();
        if (off.isPresent()) {
            assertThat(s.press(menu, off.get()).plainText()).startsWith("🟢");
        }
    }
}
