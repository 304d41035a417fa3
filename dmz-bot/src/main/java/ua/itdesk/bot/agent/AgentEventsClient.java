package ua.itdesk.bot.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import ua.itdesk.contracts.v1.ChangesQuery;
import ua.itdesk.contracts.v1.NewComment;
import ua.itdesk.contracts.v1.Presence;
import ua.itdesk.contracts.v1.RequestEvent;

/**
 * The agent's side of notifications (Z3, T2, T5), with the same rules as {@link AgentClient}: callers get typed
 * outcomes, never exceptions. The long poll has no fault-tolerance wrapper of its own: the subscriber's loop is its
 * retry, with a growing pause. A comment is not retried here, since the agent has no idempotency for it; a reply
 * the agent could not take is kept by the caller and sent again later.
 */
@ApplicationScoped
public class AgentEventsClient {

    private static final Logger LOG = Logger.getLogger(AgentEventsClient.class);

    private final AgentEventsRestClient rest;

    AgentEventsClient(@RestClient AgentEventsRestClient rest) {
        this.rest = rest;
    }

    /** One long poll: the events after {@code cursor} (null: from now on), waiting up to {@code waitSeconds}. */
    public PollOutcome poll(String cursor, int waitSeconds) {
        try {
            return new PollOutcome.Received(rest.events(cursor, waitSeconds));
        } catch (AgentProblemException e) {
            if (e.status() == 400) {
                return new PollOutcome.CursorRefused();
            }
            return new PollOutcome.Failed("agent answered " + e.status() + " " + e.kind());
        } catch (RuntimeException e) {
            return new PollOutcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Reconciliation of up to {@link ChangesQuery#MAX_KEYS} requests; empty when the agent cannot answer now. */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, maxDuration = 40, durationUnit = ChronoUnit.SECONDS,
            abortOn = AgentClientError.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = AgentClientError.class)
    @Fallback(fallbackMethod = "changesUnavailable")
    public Optional<List<RequestEvent>> changes(ChangesQuery query) {
        try {
            return Optional.of(rest.changes(query));
        } catch (AgentProblemException e) {
            if (e.isClientError()) {
                throw new AgentClientError(e);
            }
            throw e;
        }
    }

    /** Replaces the agent's set of online specialists; false when the agent could not be told. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 12, durationUnit = ChronoUnit.SECONDS,
            abortOn = AgentClientError.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = AgentClientError.class)
    @Fallback(fallbackMethod = "presenceUnavailable")
    public boolean replacePresence(Presence presence) {
        try {
            rest.replacePresence(presence);
            return true;
        } catch (AgentProblemException e) {
            if (e.isClientError()) {
                throw new AgentClientError(e);
            }
            throw e;
        }
    }

    /** Adds a public comment for the holder of {@code token} to request {@code key}. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "commentUnavailable")
    public CommentOutcome comment(String token, String key, String body) {
        try {
            return new CommentOutcome.Posted(rest.comment("Bearer " + token, Correlation.id(), key,
                    new NewComment(body)));
        } catch (AgentProblemException e) {
            if (!e.isClientError()) {
                throw e;
            }
            return switch (e.status()) {
                case 401, 403 -> new CommentOutcome.SessionInvalid();
                case 404 -> new CommentOutcome.NotFound();
                case 429 -> new CommentOutcome.Unavailable("agent throttled the comment");
                default -> {
                    LOG.warnf("the agent refused a comment to %s as %s (%d)", key, e.kind(), e.status());
                    yield new CommentOutcome.Rejected();
                }
            };
        }
    }

    Optional<List<RequestEvent>> changesUnavailable(ChangesQuery query, Throwable failure) {
        LOG.warnf("reconciliation of %d request(s) failed: %s", query.keys().size(), describe(failure));
        return Optional.empty();
    }

    boolean presenceUnavailable(Presence presence, Throwable failure) {
        LOG.warnf("could not send the %d online specialist(s) to the agent: %s", presence.onlineEmployeeIds().size(),
                describe(failure));
        return false;
    }

    CommentOutcome commentUnavailable(String token, String key, String body, Throwable failure) {
        LOG.warnf("could not add a comment to %s: %s", key, describe(failure));
        return new CommentOutcome.Unavailable(describe(failure));
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof AgentClientError error ? error.getCause() : failure;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }


    /** A 4xx answer to a service call: a contract mismatch, which retrying cannot mend. */
    static final class AgentClientError extends RuntimeException {
        AgentClientError(AgentProblemException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
