package ua.itdesk.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Small HTTP helpers of the Jira stand-in: query strings, JSON bodies, multipart uploads, answers. */
final class Http {

    /** One part of a {@code multipart/form-data} body; {@code filename} null for a plain field. */
    record Part(String name, String filename, String contentType, byte[] content) {
    }

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

    static List<Part> multipart(String contentType, byte[] body) {
        String boundary = null;
        for (String p : contentType.split(";")) {
            String s = p.strip();
            if (s.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                boundary = s.substring("boundary=".length()).replace("\"", "");
            }
        }
        if (boundary == null || boundary.isEmpty()) {
            throw new IllegalArgumentException("multipart request without boundary");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] blank = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new IllegalArgumentException("malformed multipart request");
        }
        pos += delimiter.length;
        while (pos + 2 <= body.length && !(body[pos] == '-' && body[pos + 1] == '-')) {
            int headersEnd = indexOf(body, blank, pos);
            int end = headersEnd < 0 ? -1 : indexOf(body, next, headersEnd + 4);
            if (end < 0) {
                throw new IllegalArgumentException("malformed multipart request");
            }
            String name = null;
            String filename = null;
            String type = null;
            for (String line : new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8).split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    name = param(line, "name");
                    filename = param(line, "filename");
                } else if (lower.startsWith("content-type:")) {
                    type = line.substring("content-type:".length()).strip();
                }
            }
            parts.add(new Part(name, filename, type, Arrays.copyOfRange(body, headersEnd + 4, end)));
            pos = end + next.length;
        }
        return parts;
    }

    private static String param(String header, String name) {
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(name + "=")) {
                String v = p.substring(name.length() + 1);
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
