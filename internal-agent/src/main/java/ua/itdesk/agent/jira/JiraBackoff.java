package ua.itdesk.agent.jira;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * How long {@link JiraGuard} waits before trying again: exactly Jira's {@code Retry-After} when it sent one (the
 * guard lets only hints within {@code agent.jira.max-retry-after} through to a retry), otherwise exponential
 * back-off from the {@code @Retry} delay, doubling up to 30 s. The fault-tolerance interceptor makes a new
 * instance for every call, which is why it may keep state.
 */
public final class JiraBackoff implements CustomBackoffStrategy {

    static final long MAX_BACKOFF_MILLIS = 30_000;

    private long next = 500;

    public JiraBackoff() {
        // instantiated by the fault-tolerance interceptor
    }

    @Override
    public void init(long initialDelayInMillis) {
        next = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        if (failure instanceof JiraUnavailableException unavailable && unavailable.retryAfter().isPresent()) {
            return unavailable.retryAfter().get().toMillis();
        }
        long delay = next;
        next = Math.min(next * 2, MAX_BACKOFF_MILLIS);
        return delay;
    }
}
