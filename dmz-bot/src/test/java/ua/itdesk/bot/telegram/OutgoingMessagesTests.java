package ua.itdesk.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.pengrad.telegrambot.TelegramBot;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * The one way out to Telegram (R2, R5): the outbox behind {@link MessageSender#send}, Telegram's limits and 429s,
 * each chat's order, a restart and two instances sharing the table. Dispatchers started here are what another
 * instance (or this one after a restart) would run: the real classes on the same database, with Telegram's own
 * limits where the test says so; the application's own dispatcher is stopped meanwhile.
 */
@QuarkusTest
@WithTestResource(BotTestResources.class)
class OutgoingMessagesTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    MessageSender port;

    @Inject
    TelegramMessageSender sender;

    @Inject
    TelegramBot bot;

    @Inject
    BotConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    DataSource db;

    private final List<OutboxDispatcher> instances = new ArrayList<>();

    @AfterEach
    void backToTheApplicationsOwnSender() {
        instances.forEach(OutboxDispatcher::stop);
        sandbox.telegram().setRateLimits(0, 0);
        sender.dispatcher().start();
    }

    @Test
    void aBurstOfAThousandNotificationsToFiftyChatsIsDeliveredWithinTelegramsLimitsWithoutA429InOrder() {
        List<Long> chats = startedChats(50);
        sender.dispatcher().stop();
        // Telegram's limits on both sides: the stand-in refuses what Telegram would, the sender is at the defaults
        sandbox.telegram().setRateLimits(30, 1);
        int hitsBefore = sandbox.telegram().rateLimitHits();
        OutboxDispatcher instance = instance(30, 1);
        int total = 1000;

        long started = System.nanoTime();
        for (int i = 0; i < total; i++) {
            port.send(OutgoingMessage.text(chats.get(i % chats.size()), "burst " + (i / chats.size())));
        }
        long queued = System.nanoTime();
        instance.start();
        awaitBurst(chats, total / chats.size(), Duration.ofSeconds(120));
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("OUTBOX BURST: %d messages to %d chats queued in %.2f s, all delivered in %.1f s "
                + "(%.1f messages/s), 429 answers: %d%n", total, chats.size(), (queued - started) / 1e9, seconds,
                total / seconds, sandbox.telegram().rateLimitHits() - hitsBefore);
        assertThat(sandbox.telegram().rateLimitHits()).isEqualTo(hitsBefore);
        for (long chat : chats) {
            assertThat(burstOf(chat)).containsExactlyElementsOf(
                    IntStream.range(0, total / chats.size()).mapToObj(n -> "burst " + n).toList());
        }
        // the row goes once Telegram's answer is back, a moment after the stand-in shows the message
        awaitCondition(() -> waiting() == 0);
        // no faster than Telegram allows: 1,000 at 30 a second take at least 33 s
        assertThat(seconds).isGreaterThan((total - 30) / 30.0);
    }

    @Test
    void messagesQueuedWhileTheSenderIsDownAreKeptEncryptedAndDeliveredOnceByAFreshOne() throws Exception {
        List<Long> chats = startedChats(3);
        sender.dispatcher().stop();

        for (int i = 0; i < 30; i++) {
            port.send(OutgoingMessage.text(chats.get(i % 3), "burst " + (i / 3) + " secret-marker"));
        }
        Thread.sleep(1500);

        for (long chat : chats) {
            assertThat(burstOf(chat)).isEmpty();
        }
        List<Map<String, Object>> rows = Rows.query(db,
                "SELECT payload_ciphertext FROM outgoing_messages WHERE chat_id IN (?, ?, ?)", chats.toArray());
        assertThat(rows).hasSize(30);
        assertThat(metrics.get("bot.outbox.backlog").gauge().value()).isEqualTo(30);
        assertThat(rows).allSatisfy(r -> assertThat(new String((byte[]) r.get("payload_ciphertext"),
                StandardCharsets.ISO_8859_1)).doesNotContain("secret-marker"));

        instance(30, 20).start();

        awaitBurst(chats, 10, WAIT);
        for (long chat : chats) {
            assertThat(burstOf(chat)).containsExactlyElementsOf(
                    IntStream.range(0, 10).mapToObj(n -> "burst " + n + " secret-marker").toList());
        }
        // the row goes once Telegram's answer is back, a moment after the stand-in shows the message
        awaitCondition(() -> waiting() == 0);
        assertThat(metrics.get("bot.outbox.backlog").gauge().value()).isZero();
    }

    @Test
    void twoInstancesShareTheOutboxWithoutSendingAnythingTwiceAndKeepEachChatsOrder() {
        List<Long> chats = startedChats(10);
        sender.dispatcher().stop();
        for (int i = 0; i < 200; i++) {
            port.send(OutgoingMessage.text(chats.get(i % chats.size()), "burst " + (i / chats.size())));
        }

        instance(50, 10).start();
        instance(50, 10).start();

        awaitBurst(chats, 20, Duration.ofSeconds(30));
        for (long chat : chats) {
            assertThat(burstOf(chat)).containsExactlyElementsOf(
                    IntStream.range(0, 20).mapToObj(n -> "burst " + n).toList());
        }
    }

    @Test
    void a429IsWaitedOutAndEveryMessageStillArrivesInOrder() {
        long chat = startedChats(1).get(0);
        sender.dispatcher().stop();
        // this instance believes in 10 a second per chat, Telegram allows one
        sandbox.telegram().setRateLimits(30, 1);
        int hitsBefore = sandbox.telegram().rateLimitHits();
        double throttledBefore = metrics.counter("bot.outgoing.throttled").count();

        for (int i = 0; i < 4; i++) {
            port.send(OutgoingMessage.text(chat, "burst " + i));
        }
        instance(30, 10).start();

        awaitBurst(List.of(chat), 4, WAIT);
        assertThat(burstOf(chat)).containsExactly("burst 0", "burst 1", "burst 2", "burst 3");
        assertThat(sandbox.telegram().rateLimitHits()).isGreaterThan(hitsBefore);
        assertThat(metrics.counter("bot.outgoing.throttled").count()).isGreaterThan(throttledBefore);
    }

    @Test
    void aMessageTelegramRefusesForGoodIsGivenUpWithoutItsTextAndTheChatGoesOn() {
        long chat = startedChats(1).get(0);
        double failedBefore = failed403();
        sandbox.telegram().setBotBlocked(chat, true);

        port.send(OutgoingMessage.text(chat, "burst 0"));
        awaitCondition(() -> failed403() > failedBefore);
        sandbox.telegram().setBotBlocked(chat, false);
        port.send(OutgoingMessage.text(chat, "burst 1"));

        awaitBurst(List.of(chat), 1, WAIT);
        assertThat(burstOf(chat)).containsExactly("burst 1");
        awaitCondition(() -> waiting() == 0);
        List<Map<String, Object>> rows = Rows.query(db,
                "SELECT status, payload_ciphertext, last_error FROM outgoing_messages WHERE chat_id = ?", chat);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("status")).isEqualTo("FAILED");
            assertThat(r.get("payload_ciphertext")).isNull();
            assertThat((String) r.get("last_error")).startsWith("403");
        });
    }

    @Test
    void aMessageSentAtOnceComesAfterTheChatsQueuedOnes() {
        long chat = startedChats(1).get(0);

        port.send(OutgoingMessage.text(chat, "burst 0"));
        port.send(OutgoingMessage.text(chat, "burst 1"));
        long id = port.sendAndGetId(OutgoingMessage.text(chat, "burst 2")).orElseThrow();

        assertThat(burstOf(chat)).containsExactly("burst 0", "burst 1", "burst 2");
        assertThat(sandbox.telegram().messagesTo(chat)).last().extracting(SentMessage::messageId).isEqualTo(id);
    }

    /** Another instance on the same database, or this one after a restart: nothing in memory from before. */
    private OutboxDispatcher instance(int globalPerSecond, int perChatPerSecond) {
        OutboxDispatcher d = new OutboxDispatcher(sender.outbox(),
                new BotApiCalls(bot, new SendLimiter(globalPerSecond, perChatPerSecond), metrics),
                config.telegram().outgoing());
        instances.add(d);
        return d;
    }

    /** People who wrote to the bot once (Telegram lets a bot write only to those), their answers delivered. */
    private List<Long> startedChats(int n) {
        List<Long> chats = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long user = sandbox.newUser("Olena", "en");
            sandbox.telegram().sendText(user, "/help");
            chats.add(user);
        }
        for (long chat : chats) {
            sandbox.telegram().awaitMessage(chat, m -> m.plainText().startsWith("Help"), WAIT);
        }
        return chats;
    }

    private List<String> burstOf(long chat) {
        return sandbox.telegram().messagesTo(chat).stream().map(SentMessage::plainText)
                .filter(t -> t.startsWith("burst ")).toList();
    }

    private void awaitBurst(List<Long> chats, int each, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long chat : chats) {
            while (burstOf(chat).size() < each) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("chat " + chat + " got " + burstOf(chat).size() + " of " + each
                            + " messages within " + timeout);
                }
                pause(20);
            }
        }
    }

    private int waiting() {
        return ((Number) Rows.query(db, "SELECT count(*) AS n FROM outgoing_messages WHERE status = 'PENDING'")
                .get(0).get("n")).intValue();
    }

    private double failed403() {
        return metrics.counter("bot.outgoing.failed", "path", "outbox", "method", "sendMessage", "reason", "403")
                .count();
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            pause(20);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
