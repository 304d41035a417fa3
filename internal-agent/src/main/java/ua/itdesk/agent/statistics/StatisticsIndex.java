package ua.itdesk.agent.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.contracts.v1.RequestStatistics.RequestFact;

/**
 * The facts of every request created in a rolling window (the longest period a supervisor may ask for), kept in
 * memory so that a reading costs Jira one small search for what changed instead of every page of the period: 10,000
 * requests are ten pages of 1000 issues with their comments, about 5 MB each.
 *
 * <p>Built with one paged search of the window ({@code created >= window start}). Before each reading it is brought
 * up to date with one search for what changed since the previous search began ({@code updated >=} that moment less
 * {@link #OVERLAP}, because JQL dates have minute precision and Jira's clock is not the agent's): a comment, a status
 * change or an assignment changes an issue's {@code updated}, and a new request is updated when it is created. An
 * issue deleted or moved out of the project is not seen by that search, so the index is built afresh after
 * {@link #REBUILD_AFTER}. A build or an update cut at the cap is not kept: the reading then searches its period
 * itself, as it would without the index.
 */
final class StatisticsIndex {

    /** More than JQL's minute of precision plus the skew one would tolerate between Jira's clock and ours. */
    static final Duration OVERLAP = Duration.ofMinutes(2);
    /** Deleted and moved issues leave the figures at the latest after this long. */
    static final Duration REBUILD_AFTER = Duration.ofHours(24);

    /** One request as the statistics need it. */
    record Entry(RequestFact fact, String categoryName, JiraUser assignee) {
    }

    /** Issues of a search, up to the cap; not complete when more were left. */
    record Found(List<JiraIssue> issues, boolean complete) {
    }

    /** The two searches of the index, paged and capped by the caller. */
    interface Source {
        Found createdSince(Instant since);

        Found updatedSince(Instant since);
    }

    private final Map<String, Entry> entries = new HashMap<>();
    /** Start of the window held; null while nothing is held. */
    private Instant window;
    private Instant searchedAt;
    private Instant builtAt;

    /**
     * Every request created since {@code windowStart}, up to date as of {@code now}; empty when the window holds more
     * than the cap, for the caller to search its period itself.
     */
    synchronized Optional<List<Entry>> upToDate(Instant windowStart, Instant now, Source source,
            Function<JiraIssue, Entry> convert) {
        boolean fresh = window != null && !windowStart.isBefore(window) && now.isBefore(builtAt.plus(REBUILD_AFTER))
                && update(windowStart, now, source, convert);
        if (!fresh && !build(windowStart, now, source, convert)) {
            return Optional.empty();
        }
        return Optional.of(new ArrayList<>(entries.values()));
    }

    /** How many requests are held (0 before the first build). */
    synchronized int size() {
        return entries.size();
    }

    synchronized boolean built() {
        return window != null;
    }

    private boolean build(Instant windowStart, Instant now, Source source, Function<JiraIssue, Entry> convert) {
        entries.clear();
        window = null;
        Found all = source.createdSince(windowStart);
        if (!all.complete()) {
            return false;
        }
        all.issues().forEach(issue -> entries.put(issue.key(), convert.apply(issue)));
        window = windowStart;
        searchedAt = now;
        builtAt = now;
        return true;
    }

    private boolean update(Instant windowStart, Instant now, Source source, Function<JiraIssue, Entry> convert) {
        Found changed = source.updatedSince(searchedAt.minus(OVERLAP));
        if (!changed.complete()) {
            return false;
        }
        for (JiraIssue issue : changed.issues()) {
            Entry entry = convert.apply(issue);
            if (!entry.fact().created().isBefore(windowStart)) {
                entries.put(issue.key(), entry);
            }
        }
        entries.values().removeIf(e -> e.fact().created().isBefore(windowStart));
        window = windowStart;
        searchedAt = now;
        return true;
    }
}
