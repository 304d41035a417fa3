package ua.itdesk.agent.requests;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Pattern;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.jira.IssuePage;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.jira.JiraRejectedException;
import ua.itdesk.agent.jira.Jql;
import ua.itdesk.agent.jira.ServiceDesk;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.RequestsApi;

/**
 * A request of the service desk's project by key, read live with one JQL search ({@code project = <desk> AND key
 * in ("<key>")}, {@link JiraClient#ISSUE_FIELDS}): the first step of every call on one request, before anything else
 * is read or written. A key of another project and a key of no request are both 404 with {@value #NOT_FOUND}.
 */
@ApplicationScoped
public class DeskIssues {

    public static final String NOT_FOUND = "No such request.";
    private static final Pattern ISSUE_KEY = Pattern.compile(RequestsApi.ISSUE_KEY);

    private final JiraClient jira;

    DeskIssues(JiraClient jira) {
        this.jira = jira;
    }

    /**
     * The request with this key.
     *
     * @throws ApiException 400 {@code BAD_KEY} for a string that is no key; 404 {@code OTHER_PROJECT} or
     *     {@code NO_SUCH_KEY} (the reason, for the caller's audit line); 503 when Jira is unavailable
     */
    public JiraIssue find(String key) {
        if (key == null || !ISSUE_KEY.matcher(key).matches()) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "BAD_KEY", "key is not a request key.");
        }
        ServiceDesk desk = JiraCalls.call(jira::serviceDesk);
        if (!key.startsWith(desk.projectKey() + "-")) {
            throw new ApiException(ProblemType.NOT_FOUND, "OTHER_PROJECT", NOT_FOUND);
        }
        Jql query = JiraCalls.call(() -> jira.jql().project(desk.projectKey()).issueKeys(List.of(key)).build());
        IssuePage page;
        try {
            page = JiraCalls.call(() -> jira.search(query, JiraClient.ISSUE_FIELDS, 1, null));
        } catch (ApiException e) {
            if (e.getCause() instanceof JiraRejectedException) {
                // Data Center refuses JQL naming a key of no issue
                throw new ApiException(ProblemType.NOT_FOUND, "NO_SUCH_KEY", NOT_FOUND);
            }
            throw e;
        }
        return page.issues().stream().filter(i -> key.equals(i.key()) && i.fields() != null).findFirst()
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "NO_SUCH_KEY", NOT_FOUND));
    }

    /** Whether a failure of a call on a request found before means it is gone meanwhile (Jira's 404). */
    public static boolean gone(ApiException e) {
        return e.getCause() instanceof ua.itdesk.agent.jira.JiraNotFoundException;
    }
}
