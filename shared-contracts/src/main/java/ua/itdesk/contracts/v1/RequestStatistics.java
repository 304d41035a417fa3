package ua.itdesk.contracts.v1;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The requests created in a period, as Jira has them ({@link StatisticsApi}). Names are display names of
 * specialists only; no summaries, descriptions or reporters.
 *
 * @param from            first day of the period
 * @param to              last day of the period (included)
 * @param timeZone        the zone the days are counted in (IANA id)
 * @param measuredAt      when Jira was read (older than now when the answer came from the agent's cache)
 * @param created         requests created in the period that were read (all of them unless {@code truncated})
 * @param throughTelegram of those, created by the agent for an employee (through the bot)
 * @param truncated       true when the period held more requests than the agent reads (its cap): every figure
 *                        then covers the oldest {@code created} requests only
 * @param jiraCalls       Jira searches made for this answer; 0 when it came from the cache
 * @param perDay          non-zero counts per day and category
 * @param categories      every category with requests, most requests first
 * @param firstResponse   time from creation to the first comment of someone other than the reporter and the
 *                        agent's own account
 * @param specialists     load of each specialist who had requests assigned, by name
 * @param requests        one line per request created in the period, oldest first
 */
public record RequestStatistics(LocalDate from, LocalDate to, String timeZone, Instant measuredAt, int created,
        int throughTelegram, boolean truncated, int jiraCalls, List<DayCount> perDay, List<CategoryCount> categories,
        ResponseTimes firstResponse, List<SpecialistLoad> specialists, List<RequestFact> requests) {

    public RequestStatistics {
        perDay = perDay == null ? List.of() : List.copyOf(perDay);
        categories = categories == null ? List.of() : List.copyOf(categories);
        specialists = specialists == null ? List.of() : List.copyOf(specialists);
        requests = requests == null ? List.of() : List.copyOf(requests);
    }

    /** The same answer, as served from a cache: no Jira calls made for it. */
    public RequestStatistics fromCache() {
        return new RequestStatistics(from, to, timeZone, measuredAt, created, throughTelegram, truncated, 0, perDay,
                categories, firstResponse, specialists, requests);
    }

    /** Requests of one category created on one day. */
    public record DayCount(LocalDate day, String categoryId, int count) {
    }

    /** Requests of one category in the period; {@code name} as the service desk names it. */
    public record CategoryCount(String categoryId, String name, int count) {
    }

    /**
     * First response times of the requests that had one.
     *
     * @param responded   requests with a first response
     * @param unanswered  requests without one (yet)
     * @param medianSeconds null when none responded
     * @param p90Seconds  nearest-rank 90th percentile; null when none responded
     */
    public record ResponseTimes(int responded, int unanswered, Long medianSeconds, Long p90Seconds) {
    }

    /**
     * One specialist's load.
     *
     * @param employeeId null when the Jira user maps to nobody in the directory
     * @param name       Jira display name
     * @param active     requests assigned to them and not done, now (whenever created)
     * @param resolved   requests assigned to them resolved in the period (whenever created)
     */
    public record SpecialistLoad(String employeeId, String name, int active, int resolved) {
    }

    /**
     * One request created in the period.
     *
     * @param firstResponseSeconds null while there was no first response
     * @param assigneeName         null when unassigned
     * @param resolved             null while unresolved
     */
    public record RequestFact(String key, Instant created, String categoryId, Priority priority, String status,
            boolean done, Instant resolved, Long firstResponseSeconds, boolean throughTelegram, String assigneeName) {
    }
}
