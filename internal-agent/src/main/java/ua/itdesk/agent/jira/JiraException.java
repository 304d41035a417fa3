package ua.itdesk.agent.jira;

import java.util.List;
import java.util.Map;

/**
 * A Jira call that did not succeed. {@link #errorMessages()} and {@link #fieldErrors()} carry what Jira said:
 * {@code errorMessages} and {@code errors} of the platform API, {@code errorMessage} of Jira Service Management.
 */
public abstract class JiraException extends RuntimeException {

    private final JiraOperation operation;
    private final int status;
    private final List<String> errorMessages;
    private final Map<String, String> fieldErrors;

    JiraException(JiraOperation operation, int status, String problem, List<String> errorMessages,
            Map<String, String> fieldErrors, Throwable cause) {
        super(describe(operation, status, problem, errorMessages, fieldErrors), cause);
        this.operation = operation;
        this.status = status;
        this.errorMessages = List.copyOf(errorMessages);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    /** The call that failed. */
    public JiraOperation operation() {
        return operation;
    }

    /** Jira's HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** Jira's messages about the request as a whole. */
    public List<String> errorMessages() {
        return errorMessages;
    }

    /** Jira's messages per field ({@code summary} -> "You must specify a summary of the issue."). */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** The {@code outcome} tag of {@code jira.calls}. */
    abstract String outcome();

    private static String describe(JiraOperation operation, int status, String problem, List<String> messages,
            Map<String, String> fields) {
        StringBuilder text = new StringBuilder("Jira ").append(operation.tag()).append(": ").append(problem);
        if (status > 0) {
            text.append(" (HTTP ").append(status).append(')');
        }
        if (!messages.isEmpty()) {
            text.append(": ").append(String.join("; ", messages));
        }
        if (!fields.isEmpty()) {
            text.append(messages.isEmpty() ? ": " : "; ").append(fields);
        }
        return text.toString();
    }
}
