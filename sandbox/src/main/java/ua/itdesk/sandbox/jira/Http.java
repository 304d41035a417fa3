package ua.itdesk.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small HTTP helpers of the Jira stand-in: query strings, JSON bodies, answers. */
final class Http {

    private Http() {
    }

    /** Every value of every parameter, in order; repeated and comma-joined values stay as sent. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return q;
    }

    /**
     * The body as a JSON object whose fields are all in {@code allowed} (JSM's DTOs and Jira's beans refuse unknown
     * properties); 400 in the API's shape otherwise.
     */
    static ObjectNode jsonObject(byte[] body, String path, Set<String> allowed) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : JiraStandIn.JSON.readTree(body);
        } catch (IOException e) {
            throw ApiError.forPath(path, 400, "Unexpected character in the request body: it is not valid JSON.",
                    "sd.request.body.invalid");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.forPath(path, 400, "The request body must be a JSON object.", "sd.request.body.invalid");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw ApiError.forPath(path, 400, "Unrecognized field \"" + name + "\", not marked as ignorable",
                        "sd.request.body.unrecognized.field");
            }
        }
        return (ObjectNode) node;
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (body == null || status == 204) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    static void sendJson(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
            throws IOException {
        send(exchange, status, "application/json;charset=UTF-8", JiraStandIn.JSON.writeValueAsBytes(body), headers);
    }
}
