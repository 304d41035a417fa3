package ua.itdesk.agent.jira;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code Authorization} header of every Jira request: Data Center takes a personal access token as
 * {@code Bearer}, Cloud takes {@code Basic base64(email:api_token)}. The value lives only here; it is never
 * logged, and the REST client's own request logging masks the header.
 */
final class JiraAuthentication implements ClientRequestFilter {

    private final String authorization;

    private JiraAuthentication(String authorization) {
        this.authorization = authorization;
    }

    static JiraAuthentication bearer(String personalAccessToken) {
        return new JiraAuthentication("Bearer " + personalAccessToken);
    }

    static JiraAuthentication basic(String email, String apiToken) {
        String pair = email + ":" + apiToken;
        return new JiraAuthentication("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, authorization);
    }

    @Override
    public String toString() {
        return "JiraAuthentication[" + authorization.substring(0, authorization.indexOf(' ')) + " ***]";
    }
}
