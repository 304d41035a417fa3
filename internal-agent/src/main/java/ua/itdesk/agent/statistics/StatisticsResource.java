package ua.itdesk.agent.statistics;

import jakarta.annotation.security.RolesAllowed;
import ua.itdesk.contracts.v1.RequestStatistics;
import ua.itdesk.contracts.v1.StatisticsApi;

/** {@link StatisticsApi} for supervisors only (the role the agent derived from AD groups at login); blocks on Jira. */
@RolesAllowed("supervisor")
public class StatisticsResource implements StatisticsApi {

    private final RequestStatisticsService statistics;

    StatisticsResource(RequestStatisticsService statistics) {
        this.statistics = statistics;
    }

    @Override
    public RequestStatistics requests(String from, String to, String zone) {
        return statistics.requests(from, to, zone);
    }
}
