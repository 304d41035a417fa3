package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ua.itdesk.e2e.LiveChat.SKIP;
import static ua.itdesk.e2e.LiveChat.ask;
import static ua.itdesk.e2e.LiveChat.awaitOffer;
import static ua.itdesk.e2e.LiveChat.leave;
import static ua.itdesk.e2e.LiveChat.onlyOnline;
import static ua.itdesk.e2e.LiveChat.openRequest;
import static ua.itdesk.e2e.LiveChat.position;
import static ua.itdesk.e2e.LiveChat.rate;
import static ua.itdesk.e2e.LiveChat.specialists;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * Issue 4 end to end: an employee asks for a consultation on their request, a specialist accepts, they talk with
 * text, a photo and a document, the chat ends and is rated; the whole of it is found on the request in Jira in
 * order; offers passed on, the queue, idle chats, Jira down or the agent killed for a whole chat, and bot restarts in
 * the middle of it
 * all. Through the real bot and agent processes and the stand-ins (offer timeout 25 s, idle end 30 s: see
 * {@link RunningSystem}).
 *
 * <p>The scenarios share one running system: each says who is online before it starts, takes requests no other
 * scenario here took, and ends its chats and queue places.
 */
@ExtendWith(RunningSystem.class)
class ConsultationsIT {

    private static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F',
        'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xD9};
    private static final byte[] PDF = "%PDF-1.4\n% consultation test\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final String MARKER = "[Telegram consultation]";
    /** Longer than the offer timeout of the running system (25 s) plus a timer tick. */
    private static final Duration OFFER_LAPSE = Duration.ofSeconds(45);

    @Test
    void anAcceptedConsultationRelaysTextPhotoAndDocumentAndEverythingLandsOnTheRequestInOrder(Sandbox sandbox) {
        JiraStandIn jira = sandbox.jira();
        onlyOnline(sandbox, specialists().subList(0, 2));
        LiveChat.Asked asked = ask(sandbox, openRequest(jira, null));
        Conversation e = asked.employee();
        String key = asked.key();

        // the agent ranks the specialists online; whoever it put first has the offer
        LiveChat.Offer offer = awaitOffer(sandbox, key, p -> true);
        Conversation s = offer.accept(e);

        e.postText("Добрий день, принтер не друкує", null);
        s.next(m -> m.plainText().contains("Добрий день, принтер не друкує"));
        s.postText("Перезавантажте його, будь ласка", null);
        e.next(m -> m.plainText().contains("Перезавантажте його, будь ласка"));
        e.postPhoto(PHOTO, "ось що на екрані", null);
        s.next(m -> m.plainText().contains("ось що на екрані"));
        s.postDocument("instruktsiia.pdf", "application/pdf", PDF, "інструкція", null);
        e.next(m -> m.plainText().contains("інструкція"));

        e.postText("/end", null);
        rate(e, "5⭐");

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

    @Test
    void aDeclinedOfferGoesToTheNextSpecialistAndAnUnansweredOneLapsesBackToTheQueue(Sandbox sandbox) {
        onlyOnline(sandbox, specialists().subList(0, 2));
        LiveChat.Asked asked = ask(sandbox, openRequest(sandbox.jira(), null));
        String key = asked.key();

        LiveChat.Offer first = awaitOffer(sandbox, key, p -> true);
        Conversation declining = Conversation.of(sandbox.telegram(), first.specialist());
        first.decline(declining);
        assertThat(declining.awaitEdit(first.message(), m -> true)).satisfies(m -> {
            assertThat(m.plainText()).contains(key);
            assertThat(m.buttonTexts()).isEmpty();
        });
        LiveChat.Offer second = awaitOffer(sandbox, key, p -> !p.equals(first.specialist()));

        // nobody answers: the offer lapses, its buttons go, and with both specialists passed the employee waits
        Conversation silent = Conversation.of(sandbox.telegram(), second.specialist());
        assertThat(silent.awaitEdit(second.message(), m -> true, OFFER_LAPSE).plainText()).startsWith("⌛")
                .contains(key);
        SentMessage waiting = asked.employee().next(m -> m.plainText().contains("1-й у черзі"));
        assertThat(waiting.plainText()).contains(key, "фахівців онлайн: 2");
        leave(asked);
    }

    @Test
    void withOneSpecialistBusyTheQueueTellsPositionsAndAHigherPriorityGoesFirst(Sandbox sandbox) {
        SeedPerson specialist = specialists().get(2);
        onlyOnline(sandbox, List.of(specialist));
        JiraStandIn jira = sandbox.jira();
        LiveChat.Asked busy = ask(sandbox, openRequest(jira, null));
        Conversation s = awaitOffer(sandbox, busy.key(), specialist::equals).accept(busy.employee());

        LiveChat.Asked low = ask(sandbox, openRequest(jira, "Low"));
        assertThat(position(low).plainText()).contains("1-й у черзі", low.key(), "фахівців онлайн: 1");
        s.postText("ще тут", null);
        LiveChat.Asked medium = ask(sandbox, openRequest(jira, "Medium"));
        assertThat(position(medium).plainText()).contains("1-й у черзі");
        assertThat(position(low).plainText()).contains("2-й у черзі");
        s.postText("і далі тут", null);
        LiveChat.Asked high = ask(sandbox, openRequest(jira, "High"));
        assertThat(position(high).plainText()).contains("1-й у черзі");
        assertThat(position(medium).plainText()).contains("2-й у черзі");
        assertThat(position(low).plainText()).contains("3-й у черзі");

        // the end of the chat dispatches the queue at once: the high one is offered, the others move up
        s.postText("/end", null);
        LiveChat.Offer offer = awaitOffer(sandbox, high.key(), specialist::equals);
        assertThat(position(medium).plainText()).contains("1-й у черзі");
        assertThat(position(low).plainText()).contains("2-й у черзі");

        rate(busy.employee(), SKIP);
        offer.accept(high.employee()).postText("/end", null);
        rate(high.employee(), SKIP);
        leave(medium);
        leave(low);
    }

    @Test
    void aChatWithoutMessagesEndsByItselfForBothAndTheRequestSaysSo(Sandbox sandbox) {
        SeedPerson specialist = specialists().get(3);
        onlyOnline(sandbox, List.of(specialist));
        LiveChat.Asked asked = ask(sandbox, openRequest(sandbox.jira(), null));
        Conversation s = awaitOffer(sandbox, asked.key(), specialist::equals).accept(asked.employee());
        asked.employee().postText("Пишу й замовкаю", null);
        s.next(m -> m.plainText().contains("Пишу й замовкаю"));

        // the specialist may read English
        Predicate<SentMessage> idleEnd = m -> m.plainText().contains(asked.key())
                && (m.plainText().contains("завершено після") || m.plainText().contains("ended after"));
        long before = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.telegram().messagesTo(specialist.telegramUserId())
                .stream().anyMatch(idleEnd));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("the idle timeout is 30 s")
                .isGreaterThan(Duration.ofSeconds(20));
        asked.employee().next(idleEnd);
        rate(asked.employee(), SKIP);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(markerComments(sandbox.jira(),
                asked.key())).anyMatch(b -> b.contains("без повідомлень")));
    }

    /** What goes away for a whole chat, and how it comes back. */
    enum Outage {
        JIRA_UNAVAILABLE {
            @Override
            void begin(Sandbox sandbox) {
                sandbox.jira().setAvailable(false);
            }

            @Override
            void end(Sandbox sandbox) {
                sandbox.jira().setAvailable(true);
            }
        },
        AGENT_KILLED {
            @Override
            void begin(Sandbox sandbox) {
                sandbox.agent().kill();
            }

            @Override
            void end(Sandbox sandbox) {
                sandbox.startAgent();
            }
        };

        abstract void begin(Sandbox sandbox);

        abstract void end(Sandbox sandbox);
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void jiraOrTheAgentDownForTheWholeChatDelaysNothingAndEverythingIsWrittenOnceWhenBack(Outage outage,
            Sandbox sandbox) {
        SeedPerson specialist = specialists().get(0);
        onlyOnline(sandbox, List.of(specialist));
        JiraStandIn jira = sandbox.jira();
        LiveChat.Asked asked = ask(sandbox, openRequest(jira, null));
        Conversation e = asked.employee();
        Conversation s = awaitOffer(sandbox, asked.key(), specialist::equals).accept(e);
        int before = markerComments(jira, asked.key()).size();
        outage.begin(sandbox);
        try {
            e.postText("Служба лежить, а ми говоримо", null);
            s.next(m -> m.plainText().contains("Служба лежить, а ми говоримо"));
            s.postText("Так, чат від неї не залежить", null);
            e.next(m -> m.plainText().contains("Так, чат від неї не залежить"));
            e.postPhoto(PHOTO, "знімок під час збою", null);
            s.next(m -> m.plainText().contains("знімок під час збою"));
            e.postText("/end", null);
            rate(e, "4⭐");
            // the synchronisation kept trying meanwhile; nothing could have landed
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(markerComments(jira, asked.key())).hasSize(before);
        } finally {
            outage.end(sandbox);
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            String all = String.join("\n", markerComments(jira, asked.key()));
            assertThat(all).contains("Служба лежить, а ми говоримо", "Так, чат від неї не залежить",
                    "знімок під час збою", "4/5");
            assertThat(jira.request(asked.key()).orElseThrow().attachments())
                    .extracting(JiraRequest.Attachment::content).contains(PHOTO);
        });
        List<String> comments = markerComments(jira, asked.key());
        assertThat(comments.stream().filter(b -> b.contains("Служба лежить")).count()).isEqualTo(1);
        assertThat(comments.stream().filter(b -> b.contains("4/5")).count()).isEqualTo(1);
        assertThat(jira.request(asked.key()).orElseThrow().attachments().stream()
                .filter(a -> java.util.Arrays.equals(a.content(), PHOTO)).count()).isEqualTo(1);
    }

    @Test
    void aBotRestartLosesNoOfferChatOrQueuePlaceAndItsTimersResume(Sandbox sandbox) {
        SeedPerson specialist = specialists().get(1);
        onlyOnline(sandbox, List.of(specialist));
        JiraStandIn jira = sandbox.jira();
        LiveChat.Asked first = ask(sandbox, openRequest(jira, null));
        LiveChat.Offer pending = awaitOffer(sandbox, first.key(), specialist::equals);

        restartBot(sandbox);
        // the offer made before the crash is still good
        Conversation s = pending.accept(first.employee());
        LiveChat.Asked second = ask(sandbox, openRequest(jira, null));
        assertThat(position(second).plainText()).contains("1-й у черзі");

        restartBot(sandbox);
        // the chat goes on, and its end dispatches the queue kept across the restart
        first.employee().postText("Після перезапуску", null);
        s.next(m -> m.plainText().contains("Після перезапуску"));
        s.postText("/end", null);
        LiveChat.Offer next = awaitOffer(sandbox, second.key(), specialist::equals);
        // the crash comes after the bot noted which message carries the offer (a crash between sending it and
        // noting it leaves the message unedited: the buttons then answer that the offer is no longer open)
        await().atMost(Duration.ofSeconds(10)).until(() -> offerMessageNoted(sandbox, specialist, next.message()));

        restartBot(sandbox);
        // nobody answers the offer made before this restart: its timer still runs out
        assertThat(s.awaitEdit(next.message(), m -> true, OFFER_LAPSE).plainText()).startsWith("⌛")
                .contains(second.key());
        leave(second);
        rate(first.employee(), SKIP);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(String.join("\n",
                markerComments(jira, first.key()))).contains("Після перезапуску"));
    }

    private static List<String> markerComments(JiraStandIn jira, String key) {
        return jira.request(key).orElseThrow().comments().stream().map(JiraRequest.Comment::body)
                .filter(b -> b.startsWith(MARKER)).toList();
    }

    private static boolean offerMessageNoted(Sandbox sandbox, SeedPerson specialist, SentMessage offer)
            throws SQLException {
        try (Connection db = RunningSystem.database(sandbox); PreparedStatement q = db.prepareStatement(
                "SELECT 1 FROM consultation_offers WHERE specialist_telegram_user_id = ? AND telegram_message_id = ?")) {
            q.setLong(1, specialist.telegramUserId());
            q.setLong(2, offer.messageId());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Kills the bot as a crash would and starts it again on the same database. */
    private static void restartBot(Sandbox sandbox) {
        sandbox.bot().kill();
        sandbox.startBot();
    }
}
