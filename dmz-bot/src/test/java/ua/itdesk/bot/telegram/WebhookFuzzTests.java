package ua.itdesk.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.testing.BotSandbox;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.FakeAgent;
import ua.itdesk.bot.testing.FakeAgent.Answer;
import ua.itdesk.bot.testing.InjectBotSandbox;
import ua.itdesk.bot.testing.Logins;
import ua.itdesk.bot.testing.Rows;
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.EmployeeProfile;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.contracts.v1.SessionToken;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * Bad input (S4) against the webhook endpoint: thousands of updates from a random generator with a fixed seed
 * (malformed JSON, unknown update types, huge texts, control characters, HTML and Markdown in names and texts,
 * forged and stale callback data, other people's contacts, refused files, /start floods). The bot must answer none
 * of them with a 5xx, send nothing Telegram would refuse (the stand-in parses HTML as Telegram does, so an
 * unescaped name or text fails with 400), and be left usable: afterwards everyone still gets answers and a new
 * person logs in and gets the menu.
 */
@QuarkusTest
@WithTestResource(value = BotTestResources.class, initArgs = @ResourceArg(name = BotTestResources.AGENT,
        value = "fake"))
class WebhookFuzzTests {

    private static final long SEED = 20_261_124L;
    private static final int UPDATES = 4000;
    private static final int PEOPLE = 40;
    private static final int START_FLOOD = 25;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NASTY = {
        "<b>bold</b>", "</a>", "<script>alert(1)</script>", "<a href=\"javascript:x\">x</a>", "a & b", "&amp;",
        "&lt;", "<", ">", "*bold* _it_ [link](http://x) `code`", "\u0000\u0001\u0007\u001b[31m", "\u202e\u200b",
        "\uD83D\uDE00", "\uD800", "' OR 1=1 --", "${jndi:ldap://x}", "(|(uid=*))", "project = X OR 1=1", "\r\n\t",
        "/start", "/forget", "/logout", "/menu", "/cancel", "/help", "/end", "/start@other_bot", "   ", ""};

    @InjectBotSandbox
    BotSandbox sandbox;

    @Inject
    SessionStore sessions;

    @Inject
    MeterRegistry metrics;

    @Inject
    DataSource db;

    @TestHTTPResource("/telegram/webhook")
    URI webhook;

    private final Random random = new Random(SEED);
    private final HttpClient http = HttpClient.newHttpClient();
    private long nextUpdateId = 1_500_000_000L + (System.nanoTime() & 0xFFFFF) * 100;

    @Test
    void thousandsOfHostileUpdatesGetNo5xxNothingUnescapedAndLeaveTheBotUsable() throws Exception {
        FakeAgent agent = sandbox.agent();
        agent.reset();
        agent.on("POST", ApiPaths.AUTH + "/verify", (call, path) -> Answer.problem(ProblemType.FORBIDDEN,
                "not an employee"));
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            long user = i % 4 == 0 ? Logins.loggedIn(sandbox, sessions, Role.values()[i % Role.values().length], "en")
                    : startedUser(i % 2 == 0 ? "uk" : "en");
            people.add(user);
        }
        // buttons of real sessions: pressed later by others, after a logout, after expiry
        List<String> realButtons = new ArrayList<>();
        for (long user : people.subList(0, 8)) {
            if (Rows.stateOf(db, user) != null && "AUTHENTICATED".equals(Rows.stateOf(db, user))) {
                sandbox.telegram().sendText(user, "/menu");
                SentMessage menu = sandbox.telegram().awaitMessage(user, SentMessage::hasInlineKeyboard, WAIT);
                for (String label : menu.buttonTexts()) {
                    menu.callbackDataOf(label).ifPresent(realButtons::add);
                }
            }
        }
        assertThat(realButtons).isNotEmpty();
        sandbox.telegram().sendText(people.get(0), "/logout");
        Rows.update(db, "UPDATE user_sessions SET last_activity_at = now() - interval '1 day' WHERE telegram_user_id = ?",
                people.get(4));
        double refusedBefore = refusedSends();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();

        long started = System.nanoTime();
        for (int sent = 0; sent < UPDATES;) {
            long user = people.get(random.nextInt(people.size()));
            Fuzz fuzz = next(user, people, realButtons);
            // a flood is the same thing many times in a row, far beyond the per-person limit
            for (int i = 0, times = fuzz.kind().endsWith("flood") ? START_FLOOD : 1; i < times && sent < UPDATES;
                    i++, sent++) {
                String body = i == 0 ? fuzz.body() : next(user, people, realButtons, fuzz.kind()).body();
                kinds.merge(fuzz.kind(), 1, Integer::sum);
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(webhook)
                        .header("Content-Type", "application/json")
                        .header(SECRET_HEADER, sandbox.webhookSecret())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                statuses.merge(response.statusCode(), 1, Integer::sum);
                assertThat(response.statusCode()).as("%s: %s", fuzz.kind(), abbreviated(body)).isLessThan(500);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("WEBHOOK FUZZ: %d updates (seed %d) in %.1f s, statuses %s, kinds %s%n", UPDATES, SEED,
                seconds, statuses, kinds);

        // everything the fuzz caused has left the outbox before the checks
        awaitCondition(() -> waiting() == 0, Duration.ofSeconds(120));
        Thread.sleep(1100);
        for (long user : people) {
            sandbox.telegram().sendText(user, "/help");
        }
        for (long user : people) {
            sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith("Help")
                    || m.plainText().startsWith("Довідка"), WAIT);
        }
        assertThat(refusedSends()).as("messages Telegram refused with 400 (unescaped HTML, too long ...)")
                .isEqualTo(refusedBefore);
        // forged buttons and other people's contacts left their trace in the audit log
        List<Object> audited = Rows.query(db, "SELECT DISTINCT event_type FROM system_log WHERE telegram_user_id IN ("
                + String.join(",", people.stream().map(String::valueOf).toList()) + ")").stream()
                .map(r -> r.get("event_type")).toList();
        assertThat(audited).contains("CALLBACK_REJECTED", "CONTACT_REJECTED", "RATE_LIMITED");
        loginStillWorks(agent);
    }

    /** A new person shares their own contact, the agent confirms them: welcome and the menu. */
    private void loginStillWorks(FakeAgent agent) {
        long user = startedUser("en");
        agent.on("POST", ApiPaths.AUTH + "/verify", (call, path) -> Answer.json(new SessionToken("header.payload.sig",
                Instant.now().plusSeconds(1800), new EmployeeProfile("E" + user, "Olena <Kovalenko>", "Accountant",
                        "Finance", Role.EMPLOYEE, "okovalenko"))));
        sandbox.telegram().sendContact(user, "+380501234567", user, "Olena");

        sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith("You are logged in. Welcome, Olena <Kovalenko>"),
                WAIT);
        sandbox.telegram().awaitMessage(user, m -> m.plainText().startsWith("Main menu"), WAIT);
    }

    private record Fuzz(String kind, String body) {
    }

    private Fuzz next(long user, List<Long> people, List<String> realButtons) {
        return next(user, people, realButtons, null);
    }

    /** A random hostile update; {@code sameAs} a kind: one more of that kind (a flood). */
    private Fuzz next(long user, List<Long> people, List<String> realButtons, String sameAs) {
        if ("/start flood".equals(sameAs)) {
            return new Fuzz(sameAs, update(u -> message(u, user).put("text", "/start")));
        }
        int dice = random.nextInt(100);
        if (dice < 8) {
            return new Fuzz("malformed", malformed());
        }
        if (dice < 14) {
            return new Fuzz("unknown type", update(u -> u.putObject(pick("poll", "chosen_inline_result",
                    "my_chat_member", "inline_query", "shipping_query", "channel_post", "business_message", "x"))
                    .put("id", "1").set("from", from(user))));
        }
        if (dice < 40) {
            return new Fuzz("text", update(u -> message(u, user).put("text", nastyText())));
        }
        if (dice < 48) {
            return new Fuzz("huge text", update(u -> message(u, user).put("text",
                    nastyText().repeat(1 + random.nextInt(400)) + "x".repeat(random.nextInt(70_000)))));
        }
        if (dice < 49) {
            return new Fuzz("/start flood", update(u -> message(u, user).put("text", "/start")));
        }
        if (dice < 56) {
            return new Fuzz("text", update(u -> message(u, user).put("text", nastyText())));
        }
        if (dice < 72) {
            String data = switch (random.nextInt(6)) {
                // someone else's session's nonce, a stale one after logout or expiry
                case 0, 1 -> realButtons.get(random.nextInt(realButtons.size()));
                case 2 -> "rq|d|" + pick("HELP-1", "HELP-101", "IT-9999", "ADMIN-1", "HELP-1' OR '1'='1", "../../x");
                case 3 -> pick("m|", "rq|m|", "rq|a|", "w|", "c|", "rq|d|") + nasty() + "|" + random.nextInt();
                case 4 -> randomString(random.nextInt(80));
                default -> null;
            };
            return new Fuzz("callback", update(u -> {
                ObjectNode q = u.putObject("callback_query");
                q.put("id", Long.toString(random.nextLong()));
                q.set("from", from(user));
                q.put("chat_instance", "1");
                if (data != null) {
                    q.put("data", data);
                }
                if (random.nextInt(10) > 0) {
                    ObjectNode m = q.putObject("message");
                    m.put("message_id", random.nextInt(5) == 0 ? -1 : random.nextInt(100_000));
                    m.put("date", random.nextInt(5) == 0 ? 0 : Instant.now().getEpochSecond());
                    m.set("chat", chat(user));
                    m.put("text", "menu");
                }
            }));
        }
        if (dice < 80) {
            long whose = random.nextBoolean() ? people.get(random.nextInt(people.size())) : random.nextLong();
            return new Fuzz("contact", update(u -> {
                ObjectNode m = message(u, user);
                ObjectNode c = m.putObject("contact");
                c.put("phone_number", pick("+380501234567", "380501234567", "0501234567", nasty(), "+1", ""));
                c.put("first_name", nasty());
                if (random.nextBoolean()) {
                    c.put("user_id", whose);
                }
                if (random.nextInt(4) == 0) {
                    m.putObject("forward_origin").put("type", "hidden_user").put("date", 1)
                            .put("sender_user_name", nasty());
                }
            }));
        }
        if (dice < 90) {
            return new Fuzz("file", update(u -> {
                ObjectNode m = message(u, user);
                if (random.nextBoolean()) {
                    ObjectNode d = m.putObject("document");
                    d.put("file_id", "f" + random.nextInt());
                    d.put("file_unique_id", "u");
                    d.put("file_name", nasty() + pick(".exe", ".pdf", ".jpg", ""));
                    d.put("mime_type", pick("application/x-msdownload", "application/pdf", "image/jpeg", nasty()));
                    d.put("file_size", pick(1L, 20L * 1024 * 1024 + 1, Long.MAX_VALUE, -1L));
                } else {
                    ObjectNode p = m.putArray("photo").addObject();
                    p.put("file_id", "p" + random.nextInt());
                    p.put("file_unique_id", "u");
                    p.put("width", random.nextInt());
                    p.put("height", random.nextInt());
                    p.put("file_size", pick(1L, 100L * 1024 * 1024, -1L));
                }
                if (random.nextBoolean()) {
                    m.put("caption", nastyText());
                }
            }));
        }
        if (dice < 95) {
            return new Fuzz("edited", update(u -> {
                ObjectNode m = message(u, user);
                u.set("edited_message", m);
                u.remove("message");
                m.put("edit_date", 1);
                m.put("text", nastyText());
            }));
        }
        return new Fuzz("odd shape", update(u -> {
            ObjectNode m = message(u, user);
            switch (random.nextInt(5)) {
                case 0 -> m.remove("from");
                case 1 -> m.putObject("chat").put("id", user).put("type", pick("group", "channel", "supergroup"));
                case 2 -> ((ObjectNode) m.get("from")).put("is_bot", true);
                case 3 -> m.set("reply_to_message", message(JSON.createObjectNode(), user));
                default -> m.put("text", 42);
            }
        }));
    }

    private String malformed() {
        return switch (random.nextInt(7)) {
            case 0 -> "{\"update_id\": " + nextUpdateId++ + ", \"message\": {\"text\": \"/start\"";
            case 1 -> "[1, 2, 3]";
            case 2 -> "null";
            case 3 -> randomString(random.nextInt(2000));
            case 4 -> "{\"update_id\": \"" + nasty() + "\"}";
            case 5 -> "{\"update_id\": " + nextUpdateId++ + ", \"message\": " + "[".repeat(5000) + "]".repeat(5000)
                    + "}";
            default -> "";
        };
    }

    private String update(java.util.function.Consumer<ObjectNode> body) {
        ObjectNode u = JSON.createObjectNode();
        u.put("update_id", nextUpdateId++);
        body.accept(u);
        return u.toString();
    }

    private ObjectNode message(ObjectNode update, long user) {
        ObjectNode m = update.putObject("message");
        m.put("message_id", random.nextInt(1_000_000));
        m.put("date", Instant.now().getEpochSecond());
        m.set("chat", chat(user));
        m.set("from", from(user));
        return m;
    }

    private ObjectNode from(long user) {
        ObjectNode f = JSON.createObjectNode();
        f.put("id", user);
        f.put("is_bot", false);
        f.put("first_name", random.nextInt(3) == 0 ? nasty() + nasty() : "Olena");
        if (random.nextBoolean()) {
            f.put("last_name", nasty());
        }
        f.put("language_code", pick("en", "uk", "de", nasty()));
        return f;
    }

    private ObjectNode chat(long user) {
        return JSON.createObjectNode().put("id", user).put("type", "private");
    }

    private String nastyText() {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            s.append(random.nextBoolean() ? nasty() : randomString(random.nextInt(30))).append(' ');
        }
        return s.toString();
    }

    private String nasty() {
        return NASTY[random.nextInt(NASTY.length)];
    }

    private String randomString(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            s.append((char) (kind < 6 ? 32 + random.nextInt(95) : kind < 8 ? random.nextInt(32)
                    : 0x400 + random.nextInt(0x100)));
        }
        return s.toString();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private long startedUser(String language) {
        long user = sandbox.newUser("Olena", language);
        sandbox.telegram().sendText(user, "/start");
        sandbox.telegram().awaitMessage(user, SentMessage::requestsContact, WAIT);
        return user;
    }

    /** Sending calls refused with 400 (sendMessage and the file sends), queued or not. */
    private double refusedSends() {
        return metrics.find("bot.outgoing.failed").tag("reason", "400").counters().stream()
                .filter(c -> c.getId().getTag("method").startsWith("send")).mapToDouble(c -> c.count()).sum();
    }

    private int waiting() {
        return ((Number) Rows.query(db, "SELECT count(*) AS n FROM outgoing_messages WHERE status = 'PENDING'")
                .get(0).get("n")).intValue();
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static void awaitCondition(Supplier<Boolean> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
