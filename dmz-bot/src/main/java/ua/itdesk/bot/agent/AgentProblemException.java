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
    private final String detail;

    AgentProblemException(int status, ProblemType kind) {
        this(status, kind, null);
    }

    AgentProblemException(int status, ProblemType kind, String detail) {
        super("agent answered " + status + " " + kind);
        this.status = status;
        this.kind = kind;
        this.detail = detail;
    }

    static AgentProblemException from(Response response) {
        int status = response.getStatus();
        try {
            return fromBody(status, response.readEntity(String.class));
        } catch (RuntimeException e) {
            return new AgentProblemException(status, byStatus(status));
        }
    }

    /** From an error answer's status and body (any client: the streaming upload reads its answers itself). */
    static AgentProblemException fromBody(int status, String body) {
        Problem problem = null;
        try {
            if (body != null && !body.isBlank()) {
                problem = JSON.readValue(body, Problem.class);
            }
        } catch (RuntimeException | java.io.IOException e) {
            // not a problem document (a proxy's error page, say): the status alone decides
        }
        ProblemType kind = problem == null ? null : problem.kind();
        return new AgentProblemException(status, kind != null ? kind : byStatus(status),
                problem == null ? null : problem.detail());
    }

    int status() {
        return status;
    }

    ProblemType kind() {
        return kind;
    }

    /** The problem's detail for this occurrence, null when the body had none. */
    String detail() {
        return detail;
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
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemType.THROTTLED;
            case 502, 503, 504 -> ProblemType.DEPENDENCY_UNAVAILABLE;
            default -> ProblemType.INTERNAL;
        };
    }
}
