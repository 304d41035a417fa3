package ua.itdesk.bot.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import ua.itdesk.contracts.v1.Problem;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * The agent answered with an error status. {@link #kind()} is the RFC 7807 problem type when the body was one of
 * ours, otherwise derived from the status.
 */
class AgentProblemException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final int status;
    private final ProblemType kind;

    AgentProblemException(int status, ProblemType kind) {
        super("agent answered " + status + " " + kind);
        this.status = status;
        this.kind = kind;
    }

    static AgentProblemException from(Response response) {
        int status = response.getStatus();
        ProblemType kind = null;
        try {
            String body = response.readEntity(String.class);
            if (body != null && !body.isBlank()) {
                kind = JSON.readValue(body, Problem.class).kind();
            }
        } catch (RuntimeException | java.io.IOException e) {
            // not a problem document (a proxy's error page, say): the status alone decides
        }
        return new AgentProblemException(status, kind != null ? kind : byStatus(status));
    }

    int status() {
        return status;
    }

    ProblemType kind() {
        return kind;
    }

    /** Client errors are answers about this person or this request; retrying them cannot help. */
    boolean isClientError() {
        return status >= 400 && status < 500;
    }

    private static ProblemType byStatus(int status) {
        return switch (status) {
            case 400 -> ProblemType.INVALID_REQUEST;
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.ACCESS_DENIED;
            case 404 -> ProblemType.NOT_FOUND;
            case 429 -> ProblemType.THROTTLED;
            case 502, 503, 504 -> ProblemType.DEPENDENCY_UNAVAILABLE;
            default -> ProblemType.INTERNAL;
        };
    }
}
