package ua.itdesk.sandbox.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A message as the chat page shows it: the text a client sees, HTML-escaped, with the formatting entities Telegram
 * renders turned into a fixed set of tags. Nothing of the sender's markup is passed through: tags come only from the
 * entity types below and links only with a web, mail or tg address, so neither the bot nor a user can put script,
 * styles or event handlers on the page.
 */
final class MessageHtml {

    private static final Map<String, String[]> TAGS = Map.of(
            "bold", new String[] {"<b>", "</b>"},
            "italic", new String[] {"<i>", "</i>"},
            "underline", new String[] {"<u>", "</u>"},
            "strikethrough", new String[] {"<s>", "</s>"},
            "spoiler", new String[] {"<span class=\"tg-spoiler\">", "</span>"},
            "code", new String[] {"<code>", "</code>"},
            "pre", new String[] {"<pre>", "</pre>"},
            "blockquote", new String[] {"<blockquote>", "</blockquote>"},
            "expandable_blockquote", new String[] {"<blockquote class=\"expandable\">", "</blockquote>"});

    private static final List<String> SCHEMES = List.of("http", "https", "mailto", "tg");

    private record Span(int start, int end, String open, String close) {
    }

    private MessageHtml() {
    }

    /**
     * @param text     the visible text (null: none)
     * @param entities Bot API MessageEntity objects (offsets in UTF-16 units, as Java strings count); unknown types
     *                 and entities outside the text are ignored
     */
    static String render(String text, JsonNode entities) {
        if (text == null) {
            return "";
        }
        List<Span> spans = new ArrayList<>();
        if (entities != null) {
            for (JsonNode e : entities) {
                int start = Math.max(0, e.path("offset").asInt(-1));
                int end = Math.min(text.length(), e.path("offset").asInt(-1) + e.path("length").asInt(0));
                String[] tags = tags(e);
                if (tags != null && start < end) {
                    spans.add(new Span(start, end, tags[0], tags[1]));
                }
            }
        }
        spans.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        StringBuilder out = new StringBuilder(text.length() + 16 * spans.size());
        Deque<Span> open = new ArrayDeque<>();
        int next = 0;
        for (int i = 0; i <= text.length(); i++) {
            closeEndingAt(i, open, out);
            while (next < spans.size() && spans.get(next).start() == i) {
                Span s = spans.get(next++);
                out.append(s.open());
                open.push(s);
            }
            if (i < text.length()) {
                escape(text.charAt(i), out);
            }
        }
        return out.toString();
    }

    /** Closes the spans ending here; spans that overlap without nesting are closed and opened again around them. */
    private static void closeEndingAt(int i, Deque<Span> open, StringBuilder out) {
        if (open.stream().noneMatch(s -> s.end() == i)) {
            return;
        }
        Deque<Span> reopen = new ArrayDeque<>();
        while (open.stream().anyMatch(s -> s.end() == i)) {
            Span s = open.pop();
            out.append(s.close());
            if (s.end() != i) {
                reopen.push(s);
            }
        }
        while (!reopen.isEmpty()) {
            Span s = reopen.pop();
            out.append(s.open());
            open.push(s);
        }
    }

    private static String[] tags(JsonNode e) {
        String type = e.path("type").asText("");
        if (!type.equals("text_link")) {
            return TAGS.get(type);
        }
        String url = e.path("url").asText("");
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!SCHEMES.contains(scheme)) {
            return new String[] {"<span class=\"tg-link\">", "</span>"};
        }
        StringBuilder a = new StringBuilder("<a href=\"");
        url.chars().forEach(c -> escape((char) c, a));
        a.append("\" target=\"_blank\" rel=\"noopener noreferrer\">");
        return new String[] {a.toString(), "</a>"};
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            default -> out.append(c);
        }
    }
}
