package ua.itdesk.sandbox.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ua.itdesk.sandbox.http.Multipart;

/**
 * Parameters of a Bot API call, merged from the query string and the body, whichever of the encodings Telegram
 * accepts the client used: {@code application/x-www-form-urlencoded} (pengrad's default), JSON, or
 * {@code multipart/form-data} (pengrad, when a request carries a file). In form encodings complex values such as
 * {@code reply_markup} arrive as JSON strings; in a JSON body they may be nested objects. Both are read alike.
 */
final class RequestParams {

    /** An uploaded file part of a multipart request. */
    record FilePart(String fileName, String contentType, byte[] content) {
    }

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final ObjectMapper json;

    private RequestParams(ObjectMapper json) {
        this.json = json;
    }

    static RequestParams parse(String rawQuery, String contentType, byte[] body, ObjectMapper json)
            throws BotApiException {
        RequestParams p = new RequestParams(json);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            p.putForm(rawQuery);
        }
        if (body.length == 0) {
            return p;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonNode tree;
            try {
                tree = json.readTree(body);
            } catch (java.io.IOException e) {
                throw BotApiException.badRequest("can't parse JSON request body");
            }
            if (tree == null || !tree.isObject()) {
                throw BotApiException.badRequest("JSON request body must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                p.values.put(f.getKey(), f.getValue());
            }
        } else if (type.startsWith("multipart/form-data")) {
            p.putMultipart(body, contentType);
        } else {
            p.putForm(new String(body, StandardCharsets.UTF_8));
        }
        return p;
    }

    boolean has(String name) {
        Object v = values.get(name);
        return v != null && !(v instanceof JsonNode n && n.isNull());
    }

    /** The value as text (a JSON object or array is returned as its JSON text), or null. */
    String string(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof JsonNode n) {
            if (n.isNull()) {
                return null;
            }
            return n.isValueNode() ? n.asText() : n.toString();
        }
        return null;
    }

    Long longValue(String name) throws BotApiException {
        String s = string(name);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw BotApiException.badRequest("invalid " + name + " specified");
        }
    }

    int intValue(String name, int defaultValue) throws BotApiException {
        Long v = longValue(name);
        if (v == null) {
            return defaultValue;
        }
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw BotApiException.badRequest("invalid " + name + " specified");
        }
        return v.intValue();
    }

    boolean bool(String name) {
        String s = string(name);
        return s != null && (s.equalsIgnoreCase("true") || s.equals("1"));
    }

    /** A JSON-typed parameter: a nested JSON value, or a JSON string in form encodings; null when absent. */
    JsonNode json(String name, String errorWhenUnparsable) throws BotApiException {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonNode n && !n.isTextual()) {
            return n.isNull() ? null : n;
        }
        String text = string(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw BotApiException.badRequest(errorWhenUnparsable);
        }
    }

    FilePart file(String name) {
        return values.get(name) instanceof FilePart f ? f : null;
    }

    private void putForm(String encoded) {
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
    }

    private void putMultipart(byte[] body, String contentType) throws BotApiException {
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(contentType, body);
        } catch (IllegalArgumentException e) {
            throw BotApiException.badRequest(e.getMessage());
        }
        for (Multipart.Part part : parts) {
            if (part.name() != null) {
                values.put(part.name(), part.filename() != null
                        ? new FilePart(part.filename(), part.contentType(), part.content())
                        : new String(part.content(), StandardCharsets.UTF_8));
            }
        }
    }
}
