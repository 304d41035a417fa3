package ua.itdesk.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code multipart/form-data} bodies as the stand-ins receive them (pengrad's file uploads to the Telegram stand-in,
 * the agent's attachment uploads to the Jira stand-in). Whole bodies in memory: the stand-ins cap their sizes.
 */
public final class Multipart {

    /** One part; {@code filename} null for a plain field. */
    public record Part(String name, String filename, String contentType, byte[] content) {
    }

    private static final byte[] BLANK_LINE = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private Multipart() {
    }

    /**
     * The parts of {@code body}, in order.
     *
     * @throws IllegalArgumentException without a boundary in {@code contentType}, or when the body does not follow it
     */
    public static List<Part> parse(String contentType, byte[] body) {
        String boundary = boundaryOf(contentType);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new IllegalArgumentException("malformed multipart request");
        }
        pos += delimiter.length;
        while (pos + 2 <= body.length && !(body[pos] == '-' && body[pos + 1] == '-')) {
            int headersEnd = indexOf(body, BLANK_LINE, pos);
            int end = headersEnd < 0 ? -1 : indexOf(body, next, headersEnd + BLANK_LINE.length);
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
            parts.add(new Part(name, filename, type,
                    Arrays.copyOfRange(body, headersEnd + BLANK_LINE.length, end)));
            pos = end + next.length;
        }
        return parts;
    }

    private static String boundaryOf(String contentType) {
        for (String part : contentType == null ? new String[0] : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = unquote(p.substring("boundary=".length()));
                if (!b.isEmpty()) {
                    return b;
                }
            }
        }
        throw new IllegalArgumentException("multipart request without boundary");
    }

    private static String param(String header, String name) {
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(name + "=")) {
                return unquote(p.substring(name.length() + 1));
            }
        }
        return null;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
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
}
