package ua.itdesk.contracts.v1;

/**
 * RFC 7807 problem details, the body of every error the agent returns ({@code application/problem+json}).
 *
 * @param type   a URI naming the kind of problem, one of {@link ProblemType}
 * @param title  short human-readable summary of the kind
 * @param status HTTP status
 * @param detail explanation for this occurrence; never leaks directory or HR details to the caller
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType kind, String detail, String instance) {
        return new Problem(kind.uri(), kind.title(), kind.status(), detail, instance);
    }

    /** The kind of this problem, or {@code null} when the type URI is not one of ours. */
    public ProblemType kind() {
        return ProblemType.fromUri(type);
    }
}
