package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ua.itdesk.e2e.RequestWizard.fileRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * M2 through the running system: one employee action followed by its correlation id from the bot's JSON log through
 * the agent's to the request Jira (or HR) received; the Grafana dashboard's metrics served by the processes and moving
 * while the system is used; readiness naming each dependency.
 */
@ExtendWith(RunningSystem.class)
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path DASHBOARD = Path.of(System.getProperty("itdesk.root", ".."))
            .resolve("deploy/observability/grafana-dashboard.json");
    /** Label matchers, range selectors and grouping clauses: what is left of a query are functions and metrics. */
    private static final Pattern NOT_NAMES = Pattern.compile(
            "\\{[^}]*}|\\[[^]]*]|\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "bool", "and", "or",
            "unless", "offset");
    /** No other scenario files requests for, logs in or checks the audit rows of this employee (see their choices). */
    private static final SeedPerson EMPLOYEE = SeedPeople.byEmployeeId("E1023");

    @Test
    void oneRequestFiledInTelegramCarriesOneCorrelationIdThroughTheBotTheAgentAndJira(Sandbox sandbox) {
        String summary = "Не вмикається ноутбук " + UUID.randomUUID();

        fileRequest(Conversation.of(sandbox.telegram(), EMPLOYEE), "Обладнання", "Середній", summary,
                "Після оновлення не стартує.", null);

        JiraStandIn.ApiCall creation = sandbox.jira().apiCalls().stream()
                .filter(c -> c.operation().equals("createCustomerRequest") && c.body().contains(summary))
                .findFirst().orElseThrow(() -> new AssertionError("Jira received no creation of " + summary));
        String id = creation.correlationId();
        assertThat(id).as("the X-Correlation-Id of the creation Jira received").isNotBlank();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(linesWith(sandbox.bot().log(), id)).as("the bot's log lines of %s", id)
                    .anySatisfy(line -> assertThat(line.path("message").asText())
                            .contains("event=REQUEST_CREATED").contains(EMPLOYEE.employeeId()));
            assertThat(linesWith(sandbox.agent().log(), id)).as("the agent's log lines of %s", id)
                    .anySatisfy(line -> assertThat(line.path("message").asText())
                            .contains("event=request action=create outcome=SUCCESS"));
        });
    }

    @Test
    void aLoginCarriesItsCorrelationIdFromTheBotThroughTheAgentToHr(Sandbox sandbox) {
        // whichever scenario of this class runs first logs the employee in
        Conversation.of(sandbox.telegram(), EMPLOYEE).logInToMenu(EMPLOYEE);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> logins = lines(sandbox.bot().log()).stream()
                    .filter(l -> l.path("message").asText().contains("audit event=LOGIN outcome=SUCCESS"))
                    .filter(l -> l.path("message").asText().contains("employee=" + EMPLOYEE.employeeId()))
                    .map(l -> l.path("mdc").path("correlationId").asText()).toList();
            assertThat(logins).as("correlation ids of the employee's logins in the bot's log").isNotEmpty();
            assertThat(sandbox.hr().lookups()).as("HR lookups")
                    .anySatisfy(lookup -> {
                        assertThat(lookup.employeeId()).isEqualTo(EMPLOYEE.employeeId());
                        assertThat(logins).contains(lookup.correlationId());
                    });
            assertThat(lines(sandbox.agent().log())).as("the agent's verification lines")
                    .anySatisfy(l -> {
                        assertThat(l.path("message").asText()).contains("event=verify outcome=SUCCESS")
                                .contains("employee=" + EMPLOYEE.employeeId());
                        assertThat(logins).contains(l.path("mdc").path("correlationId").asText());
                    });
        });
    }

    @Test
    void everyMetricTheDashboardQueriesIsServedAndTheyMoveWithUse(Sandbox sandbox) throws IOException {
        String botBefore = get(sandbox.botMetricsUrl());
        String agentBefore = get(sandbox.agentMetricsUrl());

        fileRequest(Conversation.of(sandbox.telegram(), EMPLOYEE), "Друк", "Низький",
                "Принтер не друкує " + UUID.randomUUID(), "Стоїть у черзі друку.", null);

        String bot = get(sandbox.botMetricsUrl());
        String agent = get(sandbox.agentMetricsUrl());
        Set<String> queried = metricNames(JSON.readTree(DASHBOARD.toFile()));
        assertThat(queried).as("metrics of the dashboard").contains("bot_updates_total", "jira_calls_seconds_count",
                "bot_consultation_relay_seconds_bucket");
        assertThat(queried).as("metrics the dashboard queries that neither process serves")
                .filteredOn(name -> !served(bot, name) && !served(agent, name)).isEmpty();

        assertThat(value(bot, "bot_updates_total", "outcome=\"handled\""))
                .isGreaterThan(value(botBefore, "bot_updates_total", "outcome=\"handled\""));
        assertThat(value(bot, "bot_sessions_active", "")).isPositive();
        assertThat(value(agent, "jira_calls_seconds_count", "operation=\"create-request\",outcome=\"success\""))
                .isGreaterThan(value(agentBefore, "jira_calls_seconds_count",
                        "operation=\"create-request\",outcome=\"success\""));
    }

    @Test
    void readinessNamesEachDependency(Sandbox sandbox) throws IOException {
        assertThat(checks(sandbox.botHealthUrl())).contains("agent", "Database connections health check");
        assertThat(checks(sandbox.agentHealthUrl())).contains("ldap", "hr", "jira");
    }

    /** The metric names in the expressions of every panel and variable of a Grafana dashboard. */
    static Set<String> metricNames(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        List<JsonNode> expressions = new ArrayList<>(dashboard.findValues("expr"));
        expressions.addAll(dashboard.path("templating").findValues("definition"));
        for (JsonNode expression : expressions) {
            String rest = NOT_NAMES.matcher(expression.asText()).replaceAll(" ");
            Matcher m = IDENTIFIER.matcher(rest);
            while (m.find()) {
                if (!KEYWORDS.contains(m.group()) && m.group().contains("_")) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    private static boolean served(String exposition, String name) {
        return Pattern.compile("^" + Pattern.quote(name) + "[{ ]", Pattern.MULTILINE).matcher(exposition).find();
    }

    /** The sum of a metric's samples whose labels contain {@code labels} (0 when none). */
    private static double value(String exposition, String name, String labels) {
        double sum = 0;
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(exposition);
        while (m.find()) {
            if (m.group(1) == null ? labels.isEmpty() : m.group(1).contains(labels)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static List<JsonNode> linesWith(Path log, String correlationId) throws IOException {
        return lines(log).stream()
                .filter(line -> correlationId.equals(line.path("mdc").path("correlationId").asText())).toList();
    }

    private static List<JsonNode> lines(Path log) throws IOException {
        return Files.readAllLines(log).stream().map(ObservabilityIT::json).flatMap(Optional::stream).toList();
    }

    /** A log line as JSON; empty for what the JVM prints outside the logging system. */
    private static Optional<JsonNode> json(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(line));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Set<String> checks(URI readiness) throws IOException {
        Set<String> names = new TreeSet<>();
        JSON.readTree(get(readiness)).path("checks").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    private static String get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
