package ua.itdesk.agent.hr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The HR record; only the id and the employment status matter to the agent. */
@JsonIgnoreProperties(ignoreUnknown = true)
record HrEmployee(String employeeId, String status) {
}
