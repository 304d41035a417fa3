package ua.itdesk.agent.assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * New requests that found no specialist, in the order they are served when one comes online: priority first
 * (critical before low, unmapped last), then age, then key. Bounded: beyond {@code max} the one that would be served
 * last is dropped (it stays in Jira's queue, unassigned). Thread-safe.
 */
final class WaitingList {

    static final Comparator<CreatedRequest> SERVING_ORDER = Comparator
            .comparing(CreatedRequest::priority, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CreatedRequest::created)
            .thenComparing(CreatedRequest::key);

    private final int max;
    private final TreeSet<CreatedRequest> waiting = new TreeSet<>(SERVING_ORDER);

    WaitingList(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("waiting-max must be at least 1");
        }
        this.max = max;
    }

    /**
     * Adds a request (again: a request already waiting is replaced, not doubled).
     *
     * @return the request dropped to keep the bound, possibly this one
     */
    synchronized Optional<CreatedRequest> add(CreatedRequest request) {
        waiting.removeIf(r -> r.key().equals(request.key()));
        waiting.add(request);
        return waiting.size() > max ? Optional.of(waiting.pollLast()) : Optional.empty();
    }

    /** Empties the list, in serving order. */
    synchronized List<CreatedRequest> drain() {
        List<CreatedRequest> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }

    synchronized int size() {
        return waiting.size();
    }
}
