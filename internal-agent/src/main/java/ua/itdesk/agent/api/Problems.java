package ua.itdesk.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.regex.Pattern;
import ua.itdesk.contracts.v1.Problem;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * Renders {@link Problem} bodies as {@code application/problem+json}, for JAX-RS responses and for the responses
 * written below JAX-RS (authentication), so that every error of the agent has one shape.
 */
@ApplicationScoped
public class Problems {

    private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9/._~-]{1,512}");

    private final ObjectMapper json;

    Problems(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A problem of this kind; {@code status} may refine the kind's own (405 as an invalid request, say). The path
     * goes in as {@code instance} only when it is made of plain path characters: a path is the caller's text, and a
     * refusal must not carry back what was refused ({@code ITS-1" OR ...}).
     */
    public Problem problem(ProblemType kind, int status, String detail, String instance) {
        String path = instance != null && PLAIN_PATH.matcher(instance).matches() ? instance : null;
        return new Problem(kind.uri(), kind.title(), status, detail, path);
    }

    public String json(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a problem", e);
        }
    }

    public Response response(Problem problem, Duration retryAfter) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(json(problem));
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }
}
