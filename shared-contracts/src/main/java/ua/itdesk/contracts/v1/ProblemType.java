package ua.itdesk.contracts.v1;

/** The kinds of problem the agent reports; the bot decides what to tell the user from the kind alone. */
public enum ProblemType {
    /** Unknown number, disabled account, not active in HR: deliberately indistinguishable (A3). */
    ACCESS_DENIED(403, "Access denied"),
    /** Missing, invalid or expired token. */
    UNAUTHENTICATED(401, "Authentication required"),
    /** The token is valid but the resource belongs to someone else. */
    FORBIDDEN(403, "Not allowed"),
    /** Too many attempts or calls for this person; retry later. */
    THROTTLED(429, "Too many requests"),
    /** The request body or parameters are invalid. */
    INVALID_REQUEST(400, "Invalid request"),
    NOT_FOUND(404, "Not found"),
    /** An uploaded file is larger than the agent takes. */
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    /** An uploaded file is of a type the agent does not take. */
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    /** A system behind the agent (directory, HR, Jira) cannot be reached now; retry later. */
    DEPENDENCY_UNAVAILABLE(503, "A back-end system is unavailable"),
    INTERNAL(500, "Internal error");

    private static final String PREFIX = "urn:itdesk:problem:";

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return PREFIX + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static ProblemType fromUri(String uri) {
        for (ProblemType t : values()) {
            if (t.uri().equals(uri)) {
                return t;
            }
        }
        return null;
    }
}
