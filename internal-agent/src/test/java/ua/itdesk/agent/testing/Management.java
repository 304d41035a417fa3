package ua.itdesk.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The agent's plain-HTTP management interface (health, metrics), as a monitoring system would use it. */
public final class Management {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Management() {
    }

    public static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Readiness as JSON: {@code {"status":..., "checks":[{"name":"ldap",...},...]}}. */
    public static JsonNode readiness(URI readyUri) {
        HttpResponse<String> response = get(readyUri);
        if (!response.headers().firstValue("Content-Type").orElse("").contains("json")) {
            throw new IllegalStateException(readyUri + " answered " + response.statusCode() + ": " + response.body());
        }
        return AgentClient.parse(response.body());
    }

    /**
     * Waits until the first phone index build, which runs in the background after start-up, has finished; some
     * seeded spellings are found only through the index.
     */
    public static void awaitPhoneIndex(URI readyUri) {
        Instant deadline = Instant.now().plusSeconds(40);
        JsonNode ldap = null;
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode check : readiness(readyUri).path("checks")) {
                if ("ldap".equals(check.path("name").asText())) {
                    ldap = check;
                }
            }
            if (ldap != null && ldap.path("data").path("indexedNumbers").isNumber()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the phone index was not built within 40 s; last ldap check: " + ldap);
    }

    /** The OpenAPI document the agent serves, as JSON. */
    public static JsonNode openApi(URI openApiUri) {
        HttpResponse<String> response = get(URI.create(openApiUri + "?format=json"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(openApiUri + " answered " + response.statusCode());
        }
        return AgentClient.parse(response.body());
    }
}
