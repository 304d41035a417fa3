package ua.itdesk.bot.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * How the agent answered a call about requests, made with a person's token. Callers decide what to tell the person
 * from the case alone; none of them carries anything to show but {@link Refused#detail()}, which the agent
 * guarantees to be safe.
 */
public sealed interface AgentAnswer<T> {

    record Ok<T>(T value) implements AgentAnswer<T> {
    }

    /** 404: the request does not exist or is not the caller's (deliberately the same answer). */
    record NotFound<T>() implements AgentAnswer<T> {
    }

    /** 401: the token is no longer accepted; the person has to log in again. */
    record Unauthenticated<T>() implements AgentAnswer<T> {
    }

    /**
     * The agent refused the call for good: bad input (400, its detail is safe to show), the role may not (403), a
     * file too large (413) or of a refused type (415). Repeating it cannot help.
     */
    record Refused<T>(ProblemType kind, String detail) implements AgentAnswer<T> {
    }

    /**
     * The agent, or Jira behind it, cannot answer now (503, 429, timeout, unreachable, open breaker): retry later.
     *
     * @param reason for logs and the audit trail, never shown to users
     */
    record Unavailable<T>(String reason) implements AgentAnswer<T> {
    }

    /** Turns a 4xx problem into its answer; 429 counts as "not now". */
    static <T> AgentAnswer<T> of(AgentProblemException e) {
        return switch (e.status()) {
            case 401 -> new Unauthenticated<>();
            case 404 -> new NotFound<>();
            case 429 -> new Unavailable<>("agent throttled the call");
            default -> new Refused<>(e.kind(), e.detail());
        };
    }

    /**
     * Makes a call and turns a 4xx problem into its answer. Anything else (5xx, transport, timeout) is thrown, for the
     * fault tolerance around the calling method to retry, count and fall back to {@link Unavailable}.
     */
    static <T> AgentAnswer<T> call(Supplier<T> call) {
        try {
            return new Ok<>(call.get());
        } catch (AgentProblemException e) {
            if (!e.isClientError()) {
                throw e;
            }
            if (e.status() == 400) {
                Logger.getLogger(AgentAnswer.class).warnf("the agent refused a call as %s: %s", e.kind(), e.detail());
            }
            return of(e);
        }
    }

    /** A streamed upload, which can fail on the way as well as be answered with a problem. */
    interface Upload<T> {
        T send() throws IOException, InterruptedException;
    }

    /** Like {@link #call(Supplier)}, for an upload. */
    static <T> AgentAnswer<T> upload(Upload<T> upload) {
        return call(() -> {
            try {
                return upload.send();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while uploading", e);
            }
        });
    }
}
