package ua.itdesk.sandbox.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Telegram's {@code parse_mode=HTML}: the supported tags, the four named entities plus numeric ones, and the errors
 * Telegram gives for anything else ("can't parse entities: ..."). The result is the text the user sees and its
 * entities (offsets in UTF-16 code units, as in the Bot API).
 */
final class TelegramHtml {

    record Entity(String type, int offset, int length, String url, String language) {
    }

    record Parsed(String text, List<Entity> entities) {
    }

    private record Open(String tag, String entityType, int offset, Map<String, String> attributes) {
    }

    private static final Map<String, String> ENTITY_TYPES = Map.ofEntries(
            Map.entry("b", "bold"), Map.entry("strong", "bold"),
            Map.entry("i", "italic"), Map.entry("em", "italic"),
            Map.entry("u", "underline"), Map.entry("ins", "underline"),
            Map.entry("s", "strikethrough"), Map.entry("strike", "strikethrough"), Map.entry("del", "strikethrough"),
            Map.entry("span", "spoiler"), Map.entry("tg-spoiler", "spoiler"),
            Map.entry("a", "text_link"), Map.entry("code", "code"), Map.entry("pre", "pre"),
            Map.entry("blockquote", "blockquote"), Map.entry("tg-emoji", "custom_emoji"));

    private TelegramHtml() {
    }

    static Parsed parse(String html) throws BotApiException {
        StringBuilder out = new StringBuilder(html.length());
        List<Entity> entities = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int close = html.indexOf('>', i);
                if (close < 0) {
                    throw error("Unclosed start tag at byte offset " + byteOffset(html, i));
                }
                String inside = html.substring(i + 1, close);
                if (inside.startsWith("/")) {
                    String name = inside.substring(1).strip().toLowerCase(Locale.ROOT);
                    if (open.isEmpty()) {
                        throw error("Unexpected end tag at byte offset " + byteOffset(html, i));
                    }
                    Open top = open.pop();
                    if (!top.tag().equals(name)) {
                        throw error("Unmatched end tag at byte offset " + byteOffset(html, i) + ", expected \"</"
                                + top.tag() + ">\", found \"</" + name + ">\"");
                    }
                    int length = out.length() - top.offset();
                    if (length > 0) {
                        entities.add(entity(top, length));
                    }
                } else {
                    open.push(startTag(html, i, inside, out.length()));
                }
                i = close + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                String decoded = semi > i && semi - i <= 10 ? decodeEntity(html.substring(i + 1, semi)) : null;
                if (decoded == null) {
                    out.append('&');
                    i++;
                } else {
                    out.append(decoded);
                    i = semi + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw error("Can't find end tag corresponding to start tag \"" + open.peek().tag() + "\"");
        }
        entities.sort(Comparator.comparingInt(Entity::offset).thenComparing(Comparator.comparingInt(Entity::length)
                .reversed()));
        return new Parsed(out.toString(), List.copyOf(entities));
    }

    /** What a client shows for this text in this parse mode; invalid HTML is shown as sent. */
    static String visibleText(String text, String parseMode) {
        if (text == null || parseMode == null || !parseMode.equalsIgnoreCase("HTML")) {
            return text;
        }
        try {
            return parse(text).text();
        } catch (BotApiException e) {
            return text;
        }
    }

    private static Open startTag(String html, int at, String inside, int offset) throws BotApiException {
        int nameEnd = 0;
        while (nameEnd < inside.length() && (Character.isLetterOrDigit(inside.charAt(nameEnd))
                || inside.charAt(nameEnd) == '-')) {
            nameEnd++;
        }
        String name = inside.substring(0, nameEnd).toLowerCase(Locale.ROOT);
        String type = ENTITY_TYPES.get(name);
        if (type == null) {
            throw error("Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(html, at));
        }
        Map<String, String> attributes = attributes(inside.substring(nameEnd), html, at);
        if (name.equals("span") && !"tg-spoiler".equals(attributes.get("class"))) {
            throw error("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + byteOffset(html, at));
        }
        if (name.equals("blockquote") && attributes.containsKey("expandable")) {
            type = "expandable_blockquote";
        }
        return new Open(name, type, offset, attributes);
    }

    private static Map<String, String> attributes(String s, String html, int at) throws BotApiException {
        Map<String, String> result = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int nameStart = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=') {
                i++;
            }
            String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
            String value = "";
            if (i < s.length() && s.charAt(i) == '=') {
                i++;
                if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
                    char quote = s.charAt(i);
                    int end = s.indexOf(quote, i + 1);
                    if (end < 0) {
                        throw error("Unclosed attribute value at byte offset " + byteOffset(html, at));
                    }
                    value = s.substring(i + 1, end);
                    i = end + 1;
                } else {
                    int start = i;
                    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                        i++;
                    }
                    value = s.substring(start, i);
                }
            }
            if (name.isEmpty()) {
                throw error("Empty attribute name at byte offset " + byteOffset(html, at));
            }
            result.put(name, unescapeAttribute(value));
        }
        return result;
    }

    private static String unescapeAttribute(String v) {
        return v.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static Entity entity(Open top, int length) {
        String url = top.tag().equals("a") ? top.attributes().get("href") : null;
        String language = null;
        if (top.tag().equals("code") && top.attributes().getOrDefault("class", "").startsWith("language-")) {
            language = top.attributes().get("class").substring("language-".length());
        }
        return new Entity(top.entityType(), top.offset(), length, url, language);
    }

    private static String decodeEntity(String name) {
        switch (name) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            default:
                break;
        }
        if (name.startsWith("#")) {
            try {
                int cp = name.startsWith("#x") || name.startsWith("#X")
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static int byteOffset(String s, int charIndex) {
        return s.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    private static BotApiException error(String detail) {
        return BotApiException.badRequest("can't parse entities: " + detail);
    }
}
