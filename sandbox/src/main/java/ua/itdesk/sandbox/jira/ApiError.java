package ua.itdesk.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * An error answer, in the shape of the API that raised it: the JSM API's {@code ErrorResponse}
 * ({@code {"errorMessage", "i18nErrorMessage": {"i18nKey", "parameters"}}}) or the platform API's
 * {@code ErrorCollection} ({@code {"errorMessages": [...], "errors": {...}}}).
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final transient JsonNode body;

    private ApiError(int status, JsonNode body, String message) {
        super(message, null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    JsonNode body() {
        return body;
    }

    /** JSM ({@code /rest/servicedeskapi}) error. */
    static ApiError serviceDesk(int status, String message, String i18nKey, String... parameters) {
        ObjectNode n = JiraStandIn.JSON.createObjectNode();
        n.put("errorMessage", message);
        ObjectNode i18n = n.putObject("i18nErrorMessage");
        i18n.put("i18nKey", i18nKey);
        ArrayNode p = i18n.putArray("parameters");
        for (String s : parameters) {
            p.add(s);
        }
        return new ApiError(status, n, message);
    }

    /** Platform ({@code /rest/api}) error. */
    static ApiError platform(int status, List<String> messages, Map<String, String> fieldErrors) {
        return new ApiError(status, collection(messages, fieldErrors), String.join("; ", messages) + fieldErrors);
    }

    static ApiError platform(int status, String message) {
        return platform(status, List.of(message), Map.of());
    }

    static ObjectNode collection(List<String> messages, Map<String, String> fieldErrors) {
        ObjectNode n = JiraStandIn.JSON.createObjectNode();
        ArrayNode m = n.putArray("errorMessages");
        messages.forEach(m::add);
        ObjectNode e = n.putObject("errors");
        fieldErrors.forEach(e::put);
        return n;
    }

    /** The right shape for an error about {@code path}, chosen by its API. */
    static ApiError forPath(String path, int status, String message, String i18nKey) {
        return path.startsWith("/rest/servicedeskapi") ? serviceDesk(status, message, i18nKey)
                : platform(status, message);
    }
}
