package ua.itdesk.agent.jira;

import java.util.function.Predicate;

/**
 * Which failures {@link JiraGuard} tries again: only a {@link JiraUnavailableException} that says so. Never a
 * refusal (4xx), never a Retry-After beyond the cap, never a failed create whose fate is unknown, never the
 * interceptor's own timeout or open circuit.
 */
public final class JiraRetryPolicy implements Predicate<Throwable> {

    public JiraRetryPolicy() {
        // instantiated by the fault-tolerance interceptor
    }

    @Override
    public boolean test(Throwable failure) {
        return failure instanceof JiraUnavailableException unavailable && unavailable.retryNow();
    }
}
