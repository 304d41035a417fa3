package ua.itdesk.agent.hr;

/** The HR system could not be reached, refused the agent's key, or answered with an error. */
public class HrUnavailableException extends RuntimeException {

    public HrUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
