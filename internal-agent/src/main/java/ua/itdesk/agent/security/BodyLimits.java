package ua.itdesk.agent.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import ua.itdesk.agent.api.Problems;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.Problem;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.RequestsApi;

/**
 * Refuses a body announced larger than its call may take (413 problem) before any of it is read: a JSON call at most
 * {@code agent.api.max-json-bytes}, a file at most {@link RequestsApi#MAX_ATTACHMENT_BYTES}. A body sent without a
 * length (chunked) is held to {@code quarkus.http.limits.max-body-size} while it is read and checked again by the
 * call (files by {@code Attachments}, JSON by its bean validation).
 */
@ApplicationScoped
class BodyLimits {

    /** After the access log (so the refusal is audited as a call) and before authentication. */
    private static final int PRIORITY = 900;
    private static final String ATTACHMENTS = "/attachments";

    private final long maxJsonBytes;
    private final Problems problems;

    BodyLimits(AgentConfig config, Problems problems) {
        this.maxJsonBytes = config.api().maxJsonBytes();
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext context) {
        String path = context.normalizedPath();
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !path.startsWith(ApiPaths.ROOT + "/")) {
            context.next();
            return;
        }
        long limit = path.endsWith(ATTACHMENTS) ? RequestsApi.MAX_ATTACHMENT_BYTES : maxJsonBytes;
        long announced;
        try {
            announced = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            announced = Long.MAX_VALUE; // Vert.x refuses such a request itself; never let it through here
        }
        if (announced <= limit) {
            context.next();
            return;
        }
        Problem problem = problems.problem(ProblemType.PAYLOAD_TOO_LARGE, 413,
                "The request body is larger than this call takes (" + limit + " bytes).", path);
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(problems.json(problem));
    }
}
