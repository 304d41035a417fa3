package ua.itdesk.agent.jira;

import java.util.regex.Pattern;

/**
 * Values the agent puts into paths, bodies and JQL: patterns for identifiers, and clean-up of free text (S4). Free
 * text goes only into JSON bodies and query parameters, where the HTTP client encodes it; never into JQL.
 */
final class JiraText {

    /** Jira issue keys: project key, dash, number. Nothing else may reach a path or a JQL query as a key. */
    static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]+-[0-9]+");

    /** Project keys. */
    static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]+");

    /**
     * Account references: Cloud accountIds ({@code 5b10ac8d82e05b22cc7d4ef5}, {@code 557058:f58131cb-...},
     * {@code qm:...:...}) and Data Center user names, which are often e-mail addresses. No quotes, spaces,
     * backslashes or brackets, so a reference can never end a JQL string.
     */
    static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+:-]{0,127}");

    /** Ids of service desks and request types: Jira sends them as strings of digits. */
    static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,18}");

    /** Field ids ({@code summary}, {@code customfield_10010}). */
    static final Pattern FIELD_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /**
     * Control characters except tab and line breaks, which a description may keep, and invisible format characters
     * (bidirectional overrides can make text read differently than it is) except the zero-width joiners that
     * emoji and some scripts need.
     */
    private static final Pattern CONTROL_BUT_LINE_BREAKS =
            Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]|[\\p{Cf}&&[^\\u200C\\u200D]]");

    private static final Pattern LINE_BREAKS_AND_TABS = Pattern.compile("[\\t\\n\\r]+");

    private JiraText() {
    }

    static String issueKey(String key) {
        return require(ISSUE_KEY, key, "issue key");
    }

    static String account(String reference) {
        return require(ACCOUNT, reference, "account reference");
    }

    static String numericId(String id, String what) {
        return require(NUMERIC_ID, id, what);
    }

    static String require(Pattern pattern, String value, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            // the value itself stays out of the message: it may be anything a caller passed on
            throw new IllegalArgumentException("not a valid " + what);
        }
        return value;
    }

    /** One line: control characters removed, line breaks and tabs made spaces, trimmed, at most {@code max} chars. */
    static String singleLine(String text, int max, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        String clean = CONTROL_BUT_LINE_BREAKS.matcher(text).replaceAll("");
        clean = LINE_BREAKS_AND_TABS.matcher(clean).replaceAll(" ").strip();
        if (clean.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return truncate(clean, max);
    }

    /** Several lines: control characters other than line breaks and tabs removed, at most {@code max} chars. */
    static String multiLine(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = CONTROL_BUT_LINE_BREAKS.matcher(text).replaceAll("").strip();
        return clean.isEmpty() ? null : truncate(clean, max);
    }

    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a character in half
        }
        return text.substring(0, end);
    }
}
