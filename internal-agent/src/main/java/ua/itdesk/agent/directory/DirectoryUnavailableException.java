package ua.itdesk.agent.directory;

/** The directory could not be reached or did not answer in time; the caller may retry later. */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
