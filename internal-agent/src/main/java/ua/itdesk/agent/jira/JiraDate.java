package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Optional;

/**
 * A date as Jira Service Management writes it: {@code epochMillis}, {@code friendly} (for people, in the
 * account's language), {@code iso8601} and {@code jira} (ISO 8601 with milliseconds).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JiraDate(Long epochMillis, String friendly, String iso8601, String jira) {

    /** The instant, when Jira sent {@code epochMillis}. */
    public Optional<Instant> instant() {
        return Optional.ofNullable(epochMillis).map(Instant::ofEpochMilli);
    }
}
