package ua.itdesk.sandbox.telegram;

/** A Bot API error as Telegram reports it: {@code error_code} (also the HTTP status), description, retry_after. */
final class BotApiException extends Exception {

    private final int errorCode;
    private final Integer retryAfter;

    BotApiException(int errorCode, String description) {
        this(errorCode, description, null);
    }

    BotApiException(int errorCode, String description, Integer retryAfter) {
        super(description, null, false, false);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    static BotApiException badRequest(String detail) {
        return new BotApiException(400, "Bad Request: " + detail);
    }

    int errorCode() {
        return errorCode;
    }

    Integer retryAfter() {
        return retryAfter;
    }
}
