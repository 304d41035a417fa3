package ua.itdesk.contracts.v1;

import java.util.List;

/**
 * What the bot needs to offer a consultation about one request (C1): the facts shown in the offer, and the
 * specialists who could take it, ranked by the assignment formula (T3) over the specialists online now.
 *
 * @param key                 the Jira issue key
 * @param summary             one line, shown in the offer; never stored by the bot
 * @param priority            the priority, or null when unmapped
 * @param status              the status name
 * @param open                false once the request is resolved or closed (status category done)
 * @param requesterEmployeeId the reporter as an employee id; null when Jira's reporter maps to nobody in the
 *                            directory
 * @param requesterName       the reporter's display name
 * @param requesterDepartment the reporter's department from the directory; null when unknown
 * @param rankedSpecialists   employee ids of the online specialists with a Jira account, best first by the same
 *                            formula as automatic assignment; empty when nobody is online (or presence is unknown)
 */
public record ConsultationBrief(String key, String summary, Priority priority, String status, boolean open,
        String requesterEmployeeId, String requesterName, String requesterDepartment,
        List<String> rankedSpecialists) {

    public ConsultationBrief {
        rankedSpecialists = rankedSpecialists == null ? List.of() : List.copyOf(rankedSpecialists);
    }
}
