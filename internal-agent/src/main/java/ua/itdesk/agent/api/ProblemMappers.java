package ua.itdesk.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Iterator;
import java.util.TreeSet;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import ua.itdesk.agent.directory.DirectoryUnavailableException;
import ua.itdesk.agent.hr.HrUnavailableException;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * Every exception that leaves a resource becomes an RFC 7807 problem. Details are fixed texts per case: nothing
 * from the exception (directory messages, stack traces, the caller's own input) is echoed back.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Duration DEPENDENCY_RETRY_AFTER = Duration.ofSeconds(10);

    private final Problems problems;

    ProblemMappers(Problems problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return respond(e.kind(), e.kind().status(), e.getMessage(), uri, e.retryAfter().orElse(null));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        boolean ourFault = e.getConstraintViolations().stream()
                .anyMatch(v -> lastNode(v.getPropertyPath()).getKind() == ElementKind.RETURN_VALUE);
        if (ourFault) {
            LOG.error("a response failed its own validation", e);
            return respond(ProblemType.INTERNAL, 500, "The agent failed to process the request.", uri, null);
        }
        TreeSet<String> fields = new TreeSet<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            fields.add(fieldName(v.getPropertyPath()));
        }
        return respond(ProblemType.INVALID_REQUEST, 400, "Invalid or missing: " + String.join(", ", fields) + ".",
                uri, null);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(ProblemType.INVALID_REQUEST, 400, "The request body is not valid JSON of the expected shape.",
                uri, null);
    }

    /**
     * A value of the wrong type or outside an enum ({@code "priority":"URGENT"}): more specific than
     * {@link #unreadable}, so that Quarkus' own mapper, which echoes the value, never answers.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 401 -> respond(ProblemType.UNAUTHENTICATED, 401, "A valid bearer token is required.", uri, null);
            case 403 -> respond(ProblemType.FORBIDDEN, 403, "This call is not allowed for this person.", uri, null);
            case 404 -> respond(ProblemType.NOT_FOUND, 404, "No such resource.", uri, null);
            case 413 -> respond(ProblemType.PAYLOAD_TOO_LARGE, 413, "The request body is too large.", uri, null);
            case 415 -> respond(ProblemType.UNSUPPORTED_MEDIA_TYPE, 415,
                    "This call does not take a body of that content type.", uri, null);
            case 429 -> respond(ProblemType.THROTTLED, 429, "Too many requests; retry later.", uri, null);
            default -> status >= 500
                    ? internal(e, uri)
                    : respond(ProblemType.INVALID_REQUEST, status, "The request cannot be processed as sent.", uri,
                            null);
        };
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return respond(ProblemType.UNAUTHENTICATED, 401, "A valid bearer token is required.", uri, null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN, 403, "This call is not allowed for this person.", uri, null);
    }

    @ServerExceptionMapper({FaultToleranceException.class, DirectoryUnavailableException.class,
            HrUnavailableException.class})
    public Response unavailable(RuntimeException e, UriInfo uri) {
        LOG.warnf("a back-end system is unavailable: %s", e.toString());
        return respond(ProblemType.DEPENDENCY_UNAVAILABLE, 503, "A back-end system is unavailable; retry later.",
                uri, DEPENDENCY_RETRY_AFTER);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        LOG.error("unexpected failure", e);
        return respond(ProblemType.INTERNAL, 500, "The agent failed to process the request.", uri, null);
    }

    private Response respond(ProblemType kind, int status, String detail, UriInfo uri, Duration retryAfter) {
        return problems.response(problems.problem(kind, status, detail, uri.getPath()), retryAfter);
    }

    private static String fieldName(Path path) {
        Path.Node last = lastNode(path);
        return last.getName() == null ? "request" : last.getName();
    }

    private static Path.Node lastNode(Path path) {
        Path.Node last = null;
        for (Iterator<Path.Node> it = path.iterator(); it.hasNext();) {
            last = it.next();
        }
        return last;
    }
}
