package ua.itdesk.agent.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Reads a failed answer: the status, {@code Retry-After}, and what Jira said. The platform API writes
 * {@code {"errorMessages": [...], "errors": {"field": "..."}}}; Jira Service Management writes
 * {@code {"errorMessage": "...", "i18nErrorMessage": {...}}}, and its form validation
 * {@code "errors": [{"detail": ...}]}. Anything else (an HTML page from a proxy) yields no messages: the body is not
 * kept, it may be large and is not Jira's.
 */
final class JiraErrorMapper implements ResponseExceptionMapper<JiraHttpFailure> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");
    private static final int MAX_MESSAGES = 10;
    private static final int MAX_MESSAGE_LENGTH = 500;

    private final Clock clock;

    JiraErrorMapper(Clock clock) {
        this.clock = clock;
    }

    @Override
    public JiraHttpFailure toThrowable(Response response) {
        List<String> messages = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        readBody(response, messages, fields);
        return new JiraHttpFailure(response.getStatus(), retryAfter(response.getHeaderString("Retry-After"), clock),
                List.copyOf(messages), Map.copyOf(fields));
    }

    /** Redirects count too: Jira's REST API does not redirect, a login page or a proxy in between does. */
    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 300;
    }

    /** Seconds, or an HTTP date; anything else, or a date in the past, counts as no hint. */
    static Duration retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (SECONDS.matcher(v).matches()) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void readBody(Response response, List<String> messages, Map<String, String> fields) {
        try {
            if (!response.hasEntity()) {
                return;
            }
            String body = response.readEntity(String.class);
            if (body == null || body.isBlank() || body.charAt(0) != '{') {
                return;
            }
            JsonNode root = JSON.readTree(body);
            root.path("errorMessages").forEach(m -> add(messages, m.asText()));
            if (root.path("errorMessage").isTextual()) {
                add(messages, root.path("errorMessage").asText());
            }
            if (root.path("message").isTextual()) {
                add(messages, root.path("message").asText());
            }
            JsonNode errors = root.path("errors");
            if (errors.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = errors.fields(); it.hasNext()
                        && fields.size() < MAX_MESSAGES;) {
                    Map.Entry<String, JsonNode> e = it.next();
                    fields.put(e.getKey(), clip(e.getValue().asText()));
                }
            } else if (errors.isArray()) {
                errors.forEach(e -> add(messages, e.path("detail").asText(e.path("title").asText(""))));
            }
        } catch (RuntimeException | java.io.IOException e) {
            // an unreadable error body leaves the status to speak for itself
        }
    }

    private static void add(List<String> messages, String message) {
        if (message != null && !message.isBlank() && messages.size() < MAX_MESSAGES) {
            messages.add(clip(message));
        }
    }

    private static String clip(String text) {
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "...";
    }
}
