package ua.itdesk.contracts.v1;

/** Paths and header names of API version 1. */
public final class ApiPaths {
    public static final String ROOT = "/api/v1";
    public static final String AUTH = ROOT + "/auth";
    public static final String REQUESTS = ROOT + "/requests";
    public static final String EVENTS = ROOT + "/events";
    public static final String PRESENCE = ROOT + "/presence";
    public static final String CONSULTATIONS = ROOT + "/consultations";
    public static final String STATISTICS = ROOT + "/statistics";

    /**
     * Set by the bot on {@code POST /requests}: one value per request the user confirmed, kept while the bot retries
     * it, so that a retried creation returns the request created the first time instead of a duplicate. Also on the
     * writes of {@link ConsultationsApi}: one value per comment or attachment, kept across retries.
     */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    /** The file name of an attachment uploaded with {@code POST /requests/{key}/attachments}: UTF-8, percent-encoded. */
    public static final String ATTACHMENT_NAME_HEADER = "X-Attachment-Name";

    /** Set by the bot on every call; the agent logs it and passes it on, so one user action can be followed. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private ApiPaths() {
    }
}
