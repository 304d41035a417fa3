package ua.itdesk.agent.api;

import java.time.Duration;
import java.util.Optional;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * A refusal or failure the caller is told about as a {@link ua.itdesk.contracts.v1.Problem}. The message is for
 * the caller and must be safe to show; the reason is a code for the audit log and metrics, never sent out.
 */
public class ApiException extends RuntimeException {

    private final ProblemType kind;
    private final String reason;
    private final Duration retryAfter;

    public ApiException(ProblemType kind, String reason, String detail) {
        this(kind, reason, detail, null, null);
    }

    public ApiException(ProblemType kind, String reason, String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public ProblemType kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
