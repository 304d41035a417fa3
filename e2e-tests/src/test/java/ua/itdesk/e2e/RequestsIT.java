package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ua.itdesk.e2e.RequestWizard.awaitCreated;
import static ua.itdesk.e2e.RequestWizard.fileRequest;
import static ua.itdesk.e2e.RequestWizard.key;
import static ua.itdesk.e2e.RequestWizard.upToConfirmation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.itdesk.sandbox.jira.JiraRequest;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.jira.SpecialistWorkload;
import ua.itdesk.sandbox.jira.WebhookDelivery;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.pki.Pki;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * Issue 3 end to end: a request filed in Telegram lands in Jira, is assigned by workload, and Jira's changes come
 * back to Telegram; through the real bot and agent processes and the stand-ins. The scenarios share one running
 * system and run in order: the first one sets the specialists' availability that the others rely on.
 */
@ExtendWith(RunningSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A tiny but real JPEG (SOI, JFIF APP0, EOI), enough for type checks; the bytes must arrive unchanged. */
    private static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F',
        'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xD9};

    private static final String SPECIALIST_ROLE = "specialist";

    /** Three specialists online, one offline: whoever the seeded workloads make best among the three must win. */
    @Test
    @Order(1)
    void requestWithPhotoLandsInJiraAssignedByWorkloadAndTheAssigneeIsTold(Sandbox sandbox) {
        JiraStandIn jira = sandbox.jira();
        List<SeedPerson> specialists = SeedPeople.withRole(SPECIALIST_ROLE).stream()
                .filter(SeedPerson::canLogIn).sorted(Comparator.comparing(SeedPerson::login)).toList();
        assertThat(specialists).hasSizeGreaterThanOrEqualTo(4);
        // the least loaded of all stays offline, so the winner must come from the other three
        Map<String, SpecialistWorkload> load = jira.workloads().stream()
                .collect(Collectors.toMap(SpecialistWorkload::login, w -> w));
        SeedPerson offline = specialists.stream().filter(p -> load.containsKey(p.login()))
                .min(Comparator.comparingInt(p -> load.get(p.login()).open())).orElseThrow();
        List<SeedPerson> online = specialists.stream().filter(p -> p != offline && load.containsKey(p.login()))
                .limit(3).toList();
        SeedPerson expected = dominating(online, load).orElseThrow(() -> new IllegalStateException(
                "the seed no longer has one specialist best on every measure: " + load));

        LiveChat.onlyOnline(sandbox, online);

        SeedPerson employee = employee(0);
        Conversation c = Conversation.of(sandbox.telegram(), employee);
        String key = fileRequest(c, "Обладнання", "Високий", "Монітор мерехтить " + UUID.randomUUID(),
                "Мерехтить з ранку, кабель перепідключала.", PHOTO);

        JiraRequest created = jira.request(key).orElseThrow();
        assertThat(created.requestTypeId()).isEqualTo("10");
        assertThat(created.priority()).isEqualTo("High");
        assertThat(created.reporter()).isEqualTo(employee.login());
        // files follow the creation: the bot streams them from Telegram to the agent once the key is known
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                jira.request(key).orElseThrow().attachments()).singleElement()
                .satisfies(a -> assertThat(a.content()).isEqualTo(PHOTO)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(jira.request(key).orElseThrow().assignee()).isEqualTo(expected.login()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                sandbox.telegram().messagesTo(expected.telegramUserId()))
                .anySatisfy(told -> assertThat(told.plainText()).startsWith("📌").contains(key)
                        .contains(created.summary())));
    }

    @Test
    @Order(2)
    void statusChangeAndPublicCommentReachTheEmployeeAndTheirReplyBecomesAComment(Sandbox sandbox) {
        JiraStandIn jira = sandbox.jira();
        SeedPerson employee = employee(1);
        Conversation c = Conversation.of(sandbox.telegram(), employee);
        String key = fileRequest(c, "Мережа", "Середній", "Не працює VPN " + UUID.randomUUID(), null, null);
        String specialist = SeedPeople.withRole(SPECIALIST_ROLE).get(0).login();

        jira.changeStatus(key, "In Progress", specialist);
        SentMessage status = c.next(m -> m.plainText().contains(key) && m.plainText().contains("In Progress"));
        assertThat(status.plainText()).contains("статус");

        jira.addComment(key, specialist, "Внутрішня нотатка: перевірити сертифікат", false);
        jira.addPublicComment(key, specialist, "Перезавантажте, будь ласка, VPN-клієнт.");
        SentMessage comment = c.next(m -> m.plainText().contains(key) && m.plainText().contains("коментар"));
        assertThat(comment.plainText()).contains("Перезавантажте, будь ласка, VPN-клієнт.")
                .doesNotContain("Внутрішня нотатка");

        SentMessage confirmed = c.reply(comment, "Перезавантажила, тепер працює. Дякую!");
        assertThat(confirmed.plainText()).contains(key);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jira.request(key).orElseThrow()
                .comments()).anySatisfy(cm -> {
                    assertThat(cm.body()).contains("Перезавантажила, тепер працює. Дякую!");
                    assertThat(cm.isPublic()).isTrue();
                }));
        // the employee's own comment is not echoed back to them as a notification
        assertThat(c.all()).noneMatch(m -> m.plainText().contains("коментар")
                && m.plainText().contains("Перезавантажила, тепер працює") && m.messageId() > confirmed.messageId());
    }

    @Test
    @Order(3)
    void aDroppedWebhookStillReachesTheEmployeeThroughReconciliation(Sandbox sandbox) {
        JiraStandIn jira = sandbox.jira();
        SeedPerson employee = employee(2);
        Conversation c = Conversation.of(sandbox.telegram(), employee);
        String key = fileRequest(c, "Друк", "Низький", "Принтер зминає папір " + UUID.randomUUID(), null, null);
        String specialist = SeedPeople.withRole(SPECIALIST_ROLE).get(0).login();

        settle(jira, key, employee);
        int deliveredBefore = jira.webhookDeliveries().size();
        jira.dropNextWebhooks(1);
        jira.changeStatus(key, "Waiting for customer", specialist);
        SentMessage status = c.next(m -> m.plainText().contains(key) && m.plainText().contains("Waiting for customer"));
        assertThat(status).isNotNull();
        List<WebhookDelivery> since = jira.webhookDeliveries().subList(deliveredBefore,
                jira.webhookDeliveries().size());
        assertThat(since).filteredOn(d -> key.equals(d.issueKey()))
                .as("the status change's webhook was dropped, so reconciliation must have found it")
                .singleElement().satisfies(d -> assertThat(d.outcome()).isEqualTo(WebhookDelivery.Outcome.DROPPED));
        // once, not twice
        assertThat(c.all()).filteredOn(m -> m.plainText().contains(key)
                && m.plainText().contains("Waiting for customer")).hasSize(1);
    }

    @Test
    @Order(4)
    void jiraUnavailableAtCreationQueuesTheRequestAndCreatesItOnceWhenJiraReturns(Sandbox sandbox) {
        JiraStandIn jira = sandbox.jira();
        SeedPerson employee = employee(3);
        Conversation c = Conversation.of(sandbox.telegram(), employee);
        String summary = "Потрібен доступ до CRM " + UUID.randomUUID();
        SentMessage confirm = upToConfirmation(c, "Доступи", "Середній", summary,
                "Для звітів відділу продажів, лише читання.", null);
        jira.setAvailable(false);
        try {
            SentMessage queued = c.press(confirm, "Надіслати");
            assertThat(queued.plainText()).contains("збережено");
        } finally {
            jira.setAvailable(true);
        }
        SentMessage created = awaitCreated(c);
        String key = key(created);
        assertThat(jira.requests()).filteredOn(r -> r.summary().equals(summary)).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(key));
    }

    @Test
    @Order(5)
    void jiraThrottlingAtCreationQueuesTheRequestAndCreatesItOnce(Sandbox sandbox) {
        JiraStandIn jira = sandbox.jira();
        SeedPerson employee = employee(7);
        Conversation c = Conversation.of(sandbox.telegram(), employee);
        String summary = "Не друкує кольоровий принтер " + UUID.randomUUID();
        SentMessage confirm = upToConfirmation(c, "Друк", "Низький", summary, null, null);
        // as many 429s as the agent tries one call (1 + 3 retries), on creation only: the bot has to queue it and try
        // again later
        jira.failNext(429, 4, 1, "createCustomerRequest");
        SentMessage queued = c.press(confirm, "Надіслати");
        assertThat(queued.plainText()).contains("збережено");
        SentMessage created = awaitCreated(c);
        assertThat(jira.requests()).filteredOn(r -> r.summary().equals(summary)).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(key(created)));
    }

    @Test
    @Order(6)
    void myRequestsWhileTheCacheIsFreshAskJiraNothing(Sandbox sandbox) {
        JiraStandIn jira = sandbox.jira();
        SeedPerson employee = employee(4);
        Conversation c = Conversation.of(sandbox.telegram(), employee);
        String key = fileRequest(c, "Інше", "Низький", "Замовити навушники " + UUID.randomUUID(), null, null);
        settle(jira, key, employee);
        // the first look fills the list from the agent (a creation alone does not make a whole list)
        SentMessage menu = c.send("/menu");
        SentMessage first = c.press(menu.hasInlineKeyboard() ? menu : c.next(SentMessage::hasInlineKeyboard),
                "Мої заявки");
        assertThat(first.plainText()).contains(key);
        settle(jira, key, employee);
        jira.resetCallCounts();
        menu = c.send("/menu");
        SentMessage list = c.press(menu.hasInlineKeyboard() ? menu : c.next(SentMessage::hasInlineKeyboard),
                "Мої заявки");
        assertThat(list.plainText()).contains(key);
        // the bot's reconciliation keeps polling Jira through the agent in the background (every 3 s here), so
        // the calls are told apart by what they ask: nothing may concern this employee's requests
        assertThat(jira.apiCalls()).as("Jira calls while the list was fresh: %s", jira.callCounts())
                .noneMatch(call -> concerns(call, employee));
    }

    @Test
    @Order(7)
    void anEmployeeCannotOpenSomeoneElsesRequestByForgedButtonOrByCallingTheAgent(Sandbox sandbox) throws Exception {
        JiraStandIn jira = sandbox.jira();
        SeedPerson owner = employee(5);
        String key = fileRequest(Conversation.of(sandbox.telegram(), owner), "Інше", "Низький",
                "Чужа заявка " + UUID.randomUUID(), "Конфіденційний опис", null);

        SeedPerson intruder = employee(6);
        Conversation c = Conversation.of(sandbox.telegram(), intruder);
        SentMessage menu = c.logInToMenu(intruder);
        SentMessage answer = c.pressData(menu, "rq|d|" + key);
        assertThat(answer.plainText()).contains(key).doesNotContain("Конфіденційний опис")
                .doesNotContain(jira.request(key).orElseThrow().summary());

        String token = tokenOf(sandbox, intruder);
        HttpResponse<String> direct = agent(sandbox, "/api/v1/requests/" + key, token);
        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(direct.body()).doesNotContain("Конфіденційний опис");
    }

    // ------------------------------------------------------------------------------------------- helpers

    /**
     * The n-th active, ordinary, Ukrainian-speaking employee counted from the end of the seed: each scenario its own
     * person, and none of those the login scenarios count audit rows of.
     */
    private static SeedPerson employee(int n) {
        return SeedPeople.withRole("employee").stream().filter(SeedPerson::canLogIn)
                .filter(p -> "uk".equals(p.languageCode()))
                .sorted(Comparator.comparing(SeedPerson::employeeId).reversed()).skip(n).findFirst().orElseThrow();
    }

    /** Among the candidates, the one strictly best on every measure (fewest open, idle longest, fewest resolved). */
    private static Optional<SeedPerson> dominating(List<SeedPerson> candidates, Map<String, SpecialistWorkload> load) {
        return candidates.stream().filter(p -> candidates.stream().filter(o -> o != p).allMatch(o -> {
            SpecialistWorkload a = load.get(p.login());
            SpecialistWorkload b = load.get(o.login());
            Instant lastA = a.lastResolved() == null ? Instant.MIN : a.lastResolved();
            Instant lastB = b.lastResolved() == null ? Instant.MIN : b.lastResolved();
            return a.open() < b.open() && lastA.isBefore(lastB) && a.resolvedLast7Days() <= b.resolvedLast7Days()
                    && a.resolvedLast30Days() < b.resolvedLast30Days();
        })).findFirst();
    }

    /**
     * Waits until the work that follows a creation is over: the assignment (specialists are online from the first
     * scenario on), its webhooks, and the agent's look-ups of the people in them. The bot's reconciliation keeps
     * calling Jira in the background, so "over" means no new call concerning this employee for two seconds.
     */
    private static void settle(JiraStandIn jira, String key, SeedPerson employee) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jira.request(key).map(JiraRequest::assignee).isPresent());
        jira.awaitWebhooks(Duration.ofSeconds(10));
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            long now = jira.apiCalls().stream().filter(call -> concerns(call, employee)).count();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
    }

    /** A call that asks Jira about this employee or lists requests (the "my requests" kind of call). */
    private static boolean concerns(JiraStandIn.ApiCall call, SeedPerson employee) {
        return mentions(call, employee.login()) || mentions(call, JiraStandIn.accountIdOf(employee.login()))
                || call.operation().toLowerCase(java.util.Locale.ROOT).contains("customerrequests");
    }

    private static boolean mentions(JiraStandIn.ApiCall call, String text) {
        return call.body().contains(text) || call.query() != null && java.net.URLDecoder.decode(call.query(),
                java.nio.charset.StandardCharsets.UTF_8).contains(text);
    }

    /** The person's session token as the agent issues it to the bot, fetched the way the bot does. */
    private static String tokenOf(Sandbox sandbox, SeedPerson person) throws Exception {
        String body = JSON.writeValueAsString(Map.of("telegramUserId", person.telegramUserId(),
                "phoneNumber", person.e164()));
        HttpResponse<String> verified = client(sandbox).send(HttpRequest.newBuilder(
                        sandbox.agentApiUrl().resolve("/api/v1/auth/verify")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(verified.body());
        return json.path("token").asText();
    }

    private static HttpResponse<String> agent(Sandbox sandbox, String path, String token) throws Exception {
        return client(sandbox).send(HttpRequest.newBuilder(sandbox.agentApiUrl().resolve(path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(Sandbox sandbox) {
        Pki pki = sandbox.pki();
        SSLContext bot = Pki.sslContext(pki.botCert(), pki.botKey(), pki.caCert());
        return HttpClient.newBuilder().sslContext(bot).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
