package ua.itdesk.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import ua.itdesk.sandbox.pki.Pki;

/** The agent's API as the bot sees it: HTTPS with a client certificate, JSON in and out. */
public final class AgentClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    private AgentClient(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** Presents the bot's certificate, trusts the deployment CA. */
    public static AgentClient asBot(URI base, Pki pki) {
        return withCertificate(base, pki.botCert(), pki.botKey(), pki.caCert());
    }

    /** Presents the given certificate (null: none), trusts the deployment CA. */
    public static AgentClient withCertificate(URI base, Path cert, Path key, Path caCert) {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(Pki.sslContext(cert, key, caCert))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new AgentClient(base, http);
    }

    public Response verify(long telegramUserId, String phoneNumber) {
        ObjectNode body = JSON.createObjectNode().put("telegramUserId", telegramUserId).put("phoneNumber", phoneNumber);
        return post("/api/v1/auth/verify", null, body.toString());
    }

    public Response post(String path, String token, String body) {
        HttpRequest.Builder request = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        return send(request);
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** Sends as is; a failed TLS handshake surfaces as the {@link IOException} it is. */
    public Response sendRaw(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** Sends a request built with {@link #request}; an I/O failure fails the test. */
    public Response send(HttpRequest.Builder request) {
        try {
            return sendRaw(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claims of a compact JWS, read without verifying it (the agent does that). */
    public static JsonNode claimsOf(String token) {
        String[] parts = token.split("\\.");
        return parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response, with its body as JSON when it is JSON. */
    public record Response(int status, String contentType, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            return parse(body);
        }

        public String token() {
            return json().path("token").asText();
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }
}
