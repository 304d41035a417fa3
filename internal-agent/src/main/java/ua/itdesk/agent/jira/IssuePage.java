package ua.itdesk.agent.jira;

import java.util.List;

/**
 * One page of a JQL search, the same on both flavours. Pass {@link #nextPageToken()} back to get the next page; it
 * is null on the last one. On Cloud it is Jira's own token (valid for days); on Data Center the agent makes it from
 * {@code startAt}, so a page can shift if issues change between calls.
 *
 * @param total the number of matches, known on Data Center only (Cloud's search does not count)
 */
public record IssuePage(List<JiraIssue> issues, String nextPageToken, Integer total) {

    public IssuePage {
        issues = issues == null ? List.of() : List.copyOf(issues);
    }

    public boolean isLast() {
        return nextPageToken == null;
    }
}
