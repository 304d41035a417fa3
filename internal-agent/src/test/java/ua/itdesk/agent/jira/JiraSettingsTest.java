package ua.itdesk.agent.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.config.AgentConfig.Jira.Flavour;

/** What the client refuses before it talks to Jira: half-done configuration, and input it will not send. */
class JiraSettingsTest {

    @Test
    void withoutAUrlJiraIsSimplyNotConfigured() {
        assertThat(JiraConnection.open(settings(null, Flavour.DATA_CENTER, "t", null, "10"))).isEmpty();
    }

    @Test
    void aUrlWithoutItsCompanionKeysStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> JiraConnection.open(settings("https://jira.corp", Flavour.DATA_CENTER, null, null,
                "10"))).hasMessageContaining("agent.jira.token");
        assertThatThrownBy(() -> JiraConnection.open(settings("https://x.atlassian.net", Flavour.CLOUD, "t", null,
                "10"))).hasMessageContaining("agent.jira.user-email");
        assertThatThrownBy(() -> JiraConnection.open(settings("https://jira.corp", Flavour.DATA_CENTER, "t", null,
                "HELP"))).hasMessageContaining("agent.jira.service-desk-id");
    }

    @Test
    void plainHttpIsRefused() {
        assertThatThrownBy(() -> JiraConnection.open(settings("http://jira.corp", Flavour.DATA_CENTER, "t", null,
                "10"))).hasMessageContaining("https");
    }

    @Test
    void theTokenNeverShowsInTheAuthenticationsDescription() {
        assertThat(JiraAuthentication.bearer("secret-pat").toString()).doesNotContain("secret-pat")
                .contains("Bearer");
        assertThat(JiraAuthentication.basic("a@b.c", "secret-api-token").toString()).doesNotContain("secret")
                .doesNotContain("a@b.c");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

        assertThat(JiraErrorMapper.retryAfter("7", clock)).isEqualTo(Duration.ofSeconds(7));
        assertThat(JiraErrorMapper.retryAfter("Thu, 01 Jan 2026 10:00:30 GMT", clock))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(JiraErrorMapper.retryAfter("Thu, 01 Jan 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(JiraErrorMapper.retryAfter("soon", clock)).isNull();
        assertThat(JiraErrorMapper.retryAfter("-5", clock)).isNull();
        assertThat(JiraErrorMapper.retryAfter(null, clock)).isNull();
    }

    @Test
    void aNewRequestIsCleanedBeforeItLeaves() {
        NewRequest request = new NewRequest("11001", " Printer\u0000 jams\n\tagain\u202e ", "Line 1\r\nLine\u0007 2",
                " High ", "o.kovalenko@corp.example.com");

        assertThat(request.summary()).isEqualTo("Printer jams again");
        assertThat(request.description()).isEqualTo("Line 1\r\nLine 2");
        assertThat(request.priority()).isEqualTo("High");
        assertThat(new NewRequest("1", "x".repeat(300), "", null, "jdoe").summary()).hasSize(255);
        assertThat(new NewRequest("1", "x", "  ", null, "jdoe").description()).isNull();
        String emoji = "\uD83D\uDE00";
        assertThat(new NewRequest("1", "x".repeat(254) + emoji, null, null, "jdoe").summary())
                .hasSize(254); // a character is never cut in half
    }

    @Test
    void aNewRequestRefusesWhatJiraCouldNotTakeOrTheAgentMustNotSend() {
        assertThatThrownBy(() -> new NewRequest("11001", " \n\u0000 ", null, null, "jdoe"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewRequest("HELP", "x", null, null, "jdoe"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewRequest("11001", "x", null, null, "jdoe\" OR 1=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewRequest("11001", "x", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AgentConfig.Jira settings(String url, Flavour flavour, String token, String email,
            String serviceDeskId) {
        return new AgentConfig.Jira() {
            @Override
            public Optional<URI> url() {
                return Optional.ofNullable(url).map(URI::create);
            }

            @Override
            public Flavour flavour() {
                return flavour;
            }

            @Override
            public Optional<String> token() {
                return Optional.ofNullable(token);
            }

            @Override
            public Optional<String> userEmail() {
                return Optional.ofNullable(email);
            }

            @Override
            public Optional<Path> trustCerts() {
                return Optional.empty();
            }

            @Override
            public Optional<String> serviceDeskId() {
                return Optional.ofNullable(serviceDeskId);
            }

            @Override
            public ZoneId timeZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(3);
            }

            @Override
            public Duration readTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int maxRetries() {
                return 3;
            }

            @Override
            public Duration maxRetryAfter() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Priorities priorities() {
                return null; // not read by the connection
            }

            @Override
            public Optional<EventSource> events() {
                return Optional.empty();
            }

            @Override
            public Webhook webhook() {
                return null; // not read by the connection
            }

            @Override
            public Polling polling() {
                return null; // not read by the connection
            }
        };
    }
}
