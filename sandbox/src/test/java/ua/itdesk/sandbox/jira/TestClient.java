package ua.itdesk.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import ua.itdesk.sandbox.pki.Pki;

/** A bare HTTPS client for the stand-in, as an integration would call it (JDK client, the sandbox CA trusted). */
final class TestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;

    private static final java.util.Map<Path, HttpClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Clients share one JDK client per PKI (its TLS sessions and connections are reused). */
    TestClient(Pki pki, String baseUrl, String authorization) {
        this.http = CLIENTS.computeIfAbsent(pki.dir(), d -> HttpClient.newBuilder()
                .sslContext(Pki.sslContext(null, null, pki.caCert())).connectTimeout(Duration.ofSeconds(5)).build());
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    TestClient withAuthorization(String other) {
        return new TestClient(http, baseUrl, other);
    }

    private TestClient(HttpClient http, String baseUrl, String authorization) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    Answer get(String path) {
        return send(builder(path).GET());
    }

    Answer post(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").POST(publisher(body)));
    }

    Answer put(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").PUT(publisher(body)));
    }

    Answer delete(String path) {
        return send(builder(path).DELETE());
    }

    /** A multipart upload with parts named {@code file}, optionally with the XSRF-bypass header. */
    Answer upload(String path, boolean noCheckHeader, String fileName, String mimeType, byte[] content) {
        String boundary = "----sandbox" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        HttpRequest.Builder b = builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(all));
        if (noCheckHeader) {
            b.header("X-Atlassian-Token", "no-check");
        }
        return send(b);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
