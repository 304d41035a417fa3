package ua.itdesk.bot.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.AttachmentReceipt;

/**
 * {@code POST /requests/{key}/attachments}: the file goes from Telegram's download straight into this request body,
 * so the bot never holds more than a buffer of it (the REST client would collect the whole body first). The same
 * TLS configuration ({@code quarkus.tls.agent}) as the REST client: the bot's certificate, only the deployment CA.
 */
@ApplicationScoped
class AttachmentUpload {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final URI base;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient http;

    AttachmentUpload(TlsConfigurationRegistry tls, BotConfig config, ObjectMapper json) throws Exception {
        this.base = URI.create(config.agent().url().replaceAll("/+$", "") + "/");
        this.timeout = config.requests().uploadTimeout();
        this.json = json;
        SSLContext context = tls.get("agent").orElseThrow(() -> new IllegalStateException("no quarkus.tls.agent"))
                .createSSLContext();
        this.http = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * Streams {@code content} to one of the caller's requests ({@code RequestsApi.attach}).
     *
     * @param size the length when known (sent as Content-Length), else null (chunked)
     * @throws AgentProblemException for an error answer
     * @throws IOException           when the agent cannot be reached or the stream fails
     */
    AttachmentReceipt upload(String bearer, String correlationId, String issueKey, String fileName,
            String mediaType, Long size, InputStream content) throws IOException, InterruptedException {
        return send(ApiPaths.REQUESTS, HttpHeaders.AUTHORIZATION, bearer, correlationId, issueKey, fileName,
                mediaType, size, content);
    }

    /** Streams a file of a consultation ({@code ConsultationsApi.attach}): a service call, no token. */
    AttachmentReceipt uploadForConsultation(String idempotencyKey, String correlationId, String issueKey,
            String fileName, String mediaType, Long size, InputStream content) throws IOException,
            InterruptedException {
        return send(ApiPaths.CONSULTATIONS, ApiPaths.IDEMPOTENCY_KEY_HEADER, idempotencyKey, correlationId, issueKey,
                fileName, mediaType, size, content);
    }

    private AttachmentReceipt send(String root, String header, String headerValue, String correlationId,
            String issueKey, String fileName, String mediaType, Long size, InputStream content)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> content);
        if (size != null) {
            body = HttpRequest.BodyPublishers.fromPublisher(body, size);
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve(root.substring(1) + "/" + issueKey + "/attachments"))
                .timeout(timeout)
                .header(header, headerValue)
                .header(ApiPaths.CORRELATION_HEADER, correlationId)
                .header(ApiPaths.ATTACHMENT_NAME_HEADER, percentEncoded(fileName))
                .header(HttpHeaders.CONTENT_TYPE, mediaType)
                .header(HttpHeaders.ACCEPT, "application/json")
                .POST(body)
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw AgentProblemException.fromBody(response.statusCode(), response.body());
        }
        return json.readValue(response.body(), AttachmentReceipt.class);
    }

    /** RFC 3986 percent-encoding of UTF-8 (URLEncoder writes spaces as '+', which is form encoding). */
    static String percentEncoded(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
