package ua.itdesk.sandbox.jira;

import java.time.Instant;

/**
 * What T3's metrics see for one specialist right now.
 *
 * @param open             assigned requests in Waiting for support, In Progress or Waiting for customer
 * @param resolvedLast7Days  resolved (resolution date set) in the last 7 days
 * @param resolvedLast30Days resolved in the last 30 days
 * @param resolvedTotal    resolved ever (the seed spans about six weeks)
 * @param lastResolved     when they last resolved one; null if never
 */
public record SpecialistWorkload(String login, String accountId, int open, int resolvedLast7Days,
        int resolvedLast30Days, int resolvedTotal, Instant lastResolved) {
}
