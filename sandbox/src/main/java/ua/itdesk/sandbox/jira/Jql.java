package ua.itdesk.sandbox.jira;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ua.itdesk.sandbox.jira.JiraData.Issue;
import ua.itdesk.sandbox.jira.JiraStandIn.Flavour;

/**
 * The subset of JQL an integration agent issues, parsed and evaluated in memory:
 *
 * <pre>
 * query   := [clause (AND clause)*] [ORDER BY key [ASC|DESC] (, key [ASC|DESC])*]
 * clause  := field op value | field [NOT] IN (value, ...) | field IS [NOT] EMPTY|NULL | ( clause AND ... )
 * fields  := project, key|issuekey|id, assignee, reporter, creator, status, statusCategory, priority, resolution,
 *            created|createdDate, updated|updatedDate, resolved|resolutiondate
 * op      := = != (all); &gt; &gt;= &lt; &lt;= (dates)
 * dates   := "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm", "yyyy-MM-dd", "yyyy/MM/dd", periods "-5d" "-4w 2d" "-3h" "-30m",
 *            now(), startOfDay(), startOfWeek(), startOfMonth(), in the stand-in's time zone
 * users   := user name (Data Center) or accountId (Cloud), or currentUser()
 * order   := updated, created, resolutiondate|resolved, key, priority; default key DESC
 * </pre>
 *
 * Anything else (OR, NOT, ~, other fields or functions) is refused with a message in the manner of Jira's parser.
 */
final class Jql {

    /** A refusal: Jira answers 400 with this in {@code errorMessages}. */
    static final class JqlException extends RuntimeException {
        JqlException(String message) {
            super(message, null, false, false);
        }
    }

    record Query(Predicate<Issue> filter, Comparator<Issue> order, List<String> warnings) {
    }

    private enum Kind { WORD, STRING, OP, LPAREN, RPAREN, COMMA, EOF }

    private record Token(Kind kind, String text, int position) {
        boolean isWord(String w) {
            return kind == Kind.WORD && text.equalsIgnoreCase(w);
        }
    }

    private static final String SUPPORTED = "supported here: project, key, assignee, reporter, creator, status,"
            + " statusCategory, priority, resolution, created, updated, resolved/resolutiondate, combined with AND,"
            + " and ORDER BY updated, created, resolutiondate, key or priority";
    private static final Map<String, String> FIELD_ALIASES = Map.ofEntries(
            Map.entry("project", "project"), Map.entry("key", "key"), Map.entry("issuekey", "key"),
            Map.entry("id", "key"), Map.entry("assignee", "assignee"), Map.entry("reporter", "reporter"),
            Map.entry("creator", "creator"), Map.entry("status", "status"),
            Map.entry("statuscategory", "statusCategory"), Map.entry("priority", "priority"),
            Map.entry("resolution", "resolution"), Map.entry("created", "created"),
            Map.entry("createddate", "created"), Map.entry("updated", "updated"), Map.entry("updateddate", "updated"),
            Map.entry("resolved", "resolutiondate"), Map.entry("resolutiondate", "resolutiondate"));
    private static final Pattern KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)-(\\d+)");
    private static final Pattern PERIOD = Pattern.compile("([-+]?)\\s*((?:\\d+\\s*[wdhm]\\s*)+)");
    private static final Pattern PERIOD_PART = Pattern.compile("(\\d+)\\s*([wdhm])");
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"), DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm"));
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd"), DateTimeFormatter.ofPattern("yyyy/MM/dd"));

    private final JiraData data;
    private final Flavour flavour;
    private final ZoneId zone;
    private final Clock clock;
    private final String caller;
    private final boolean strictKeys;
    private final String source;
    private final List<Token> tokens;
    private final List<String> warnings = new ArrayList<>();
    private int pos;

    private Jql(JiraData data, Flavour flavour, ZoneId zone, Clock clock, String caller, boolean strictKeys,
            String source) {
        this.data = data;
        this.flavour = flavour;
        this.zone = zone;
        this.clock = clock;
        this.caller = caller;
        this.strictKeys = strictKeys;
        this.source = source;
        this.tokens = tokenize(source);
    }

    /**
     * Parses {@code jql} against the current data (user, status and project values must exist). With
     * {@code strictKeys} (Data Center's validateQuery=strict), a key of no issue is an error, otherwise a warning.
     */
    static Query parse(String jql, JiraData data, Flavour flavour, ZoneId zone, Clock clock, String caller,
            boolean strictKeys) {
        return new Jql(data, flavour, zone, clock, caller, strictKeys, jql == null ? "" : jql).query();
    }

    // ---------------------------------------------------------------- tokens

    private List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", i++));
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", i++));
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, ",", i++));
            } else if (c == '"' || c == '\'') {
                int start = i++;
                StringBuilder b = new StringBuilder();
                while (i < s.length() && s.charAt(i) != c) {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                if (i >= s.length()) {
                    throw error("Error in the JQL Query: The quoted string '" + s.substring(start + 1)
                            + "' has not been completed.", start);
                }
                i++;
                out.add(new Token(Kind.STRING, b.toString(), start));
            } else if ("=!<>~".indexOf(c) >= 0) {
                int start = i;
                String op = i + 1 < s.length() && s.charAt(i + 1) == '=' || (c == '!' && i + 1 < s.length()
                        && s.charAt(i + 1) == '~') ? s.substring(i, i + 2) : s.substring(i, i + 1);
                if (op.equals("!")) {
                    throw error("Error in the JQL Query: The character '!' is a reserved JQL character.", start);
                }
                i += op.length();
                out.add(new Token(Kind.OP, op, start));
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()\",'=!<>~".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(Kind.WORD, s.substring(start, i), start));
            }
        }
        out.add(new Token(Kind.EOF, "", s.length()));
        return out;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private JqlException error(String message, int position) {
        return new JqlException(message + " (line 1, character " + (position + 1) + ")");
    }

    private JqlException unsupported(String what, Token at) {
        return error("Error in the JQL Query: " + what + " is not supported by the IT desk sandbox (" + SUPPORTED
                + ").", at.position());
    }

    // ---------------------------------------------------------------- grammar

    private Query query() {
        Predicate<Issue> filter = i -> true;
        if (peek().kind() != Kind.EOF && !peek().isWord("order")) {
            filter = andChain();
        }
        Comparator<Issue> order = null;
        if (peek().isWord("order")) {
            next();
            if (!next().isWord("by")) {
                throw error("Error in the JQL Query: Expecting 'by' but got '" + tokens.get(pos - 1).text() + "'.",
                        tokens.get(pos - 1).position());
            }
            order = orderBy();
        }
        Token t = peek();
        if (t.kind() != Kind.EOF) {
            if (t.isWord("or")) {
                throw unsupported("'OR'", t);
            }
            throw error("Error in the JQL Query: Expecting either 'OR' or 'AND' but got '" + t.text() + "'.",
                    t.position());
        }
        Comparator<Issue> byKeyDesc = Comparator.comparingLong((Issue i) -> i.id).reversed();
        return new Query(filter, order == null ? byKeyDesc : order.thenComparing(byKeyDesc), List.copyOf(warnings));
    }

    private Predicate<Issue> andChain() {
        Predicate<Issue> p = clause();
        while (peek().isWord("and") || peek().text().equals("&&") || peek().text().equals("&")) {
            next();
            p = p.and(clause());
        }
        if (peek().isWord("or") || peek().text().equals("||") || peek().text().equals("|")) {
            throw unsupported("'OR'", peek());
        }
        return p;
    }

    private Predicate<Issue> clause() {
        Token t = next();
        if (t.kind() == Kind.LPAREN) {
            Predicate<Issue> inner = andChain();
            Token close = next();
            if (close.kind() != Kind.RPAREN) {
                throw error("Error in the JQL Query: Expecting ')' but got '" + close.text() + "'.",
                        close.position());
            }
            return inner;
        }
        if (t.isWord("not") || t.text().equals("!")) {
            throw unsupported("'NOT'", t);
        }
        if (t.kind() != Kind.WORD && t.kind() != Kind.STRING) {
            throw error("Error in the JQL Query: Expecting a field name but got '" + t.text() + "'.", t.position());
        }
        String field = FIELD_ALIASES.get(t.text().toLowerCase(Locale.ROOT));
        if (field == null) {
            throw unsupported("The field '" + t.text() + "'", t);
        }
        Token op = next();
        if (op.isWord("in")) {
            return in(field, op, false);
        }
        if (op.isWord("not")) {
            Token in = next();
            if (!in.isWord("in")) {
                throw error("Error in the JQL Query: Expecting 'IN' but got '" + in.text() + "'.", in.position());
            }
            return in(field, op, true);
        }
        if (op.isWord("is")) {
            boolean not = false;
            if (peek().isWord("not")) {
                next();
                not = true;
            }
            Token v = next();
            if (!v.isWord("empty") && !v.isWord("null")) {
                throw error("Error in the JQL Query: Expecting 'EMPTY' or 'NULL' but got '" + v.text() + "'.",
                        v.position());
            }
            return empty(field, op, not);
        }
        if (op.kind() != Kind.OP) {
            throw error("Error in the JQL Query: Expecting operator but got '" + op.text() + "'. The valid operators"
                    + " are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.",
                    op.position());
        }
        if (op.text().equals("~") || op.text().equals("!~")) {
            throw unsupported("The operator '" + op.text() + "'", op);
        }
        Token v = peek();
        if ((v.isWord("empty") || v.isWord("null")) && (op.text().equals("=") || op.text().equals("!="))) {
            next();
            return empty(field, op, op.text().equals("!="));
        }
        if (isDate(field)) {
            return dateCompare(field, op, value());
        }
        if (!op.text().equals("=") && !op.text().equals("!=")) {
            throw error("Error in the JQL Query: The operator '" + op.text() + "' is not supported by the '" + field
                    + "' field.", op.position());
        }
        Predicate<Issue> eq = equalsAny(field, List.of(value()));
        return op.text().equals("=") ? eq : negate(field, eq);
    }

    private Predicate<Issue> in(String field, Token op, boolean not) {
        if (isDate(field)) {
            throw unsupported("'IN' on the date field '" + field + "'", op);
        }
        Token open = next();
        if (open.kind() != Kind.LPAREN) {
            throw error("Error in the JQL Query: Expecting '(' but got '" + open.text() + "'.", open.position());
        }
        List<Token> values = new ArrayList<>();
        values.add(value());
        while (peek().kind() == Kind.COMMA) {
            next();
            values.add(value());
        }
        Token close = next();
        if (close.kind() != Kind.RPAREN) {
            throw error("Error in the JQL Query: Expecting ')' or ',' but got '" + close.text() + "'.",
                    close.position());
        }
        Predicate<Issue> any = equalsAny(field, values);
        return not ? negate(field, any) : any;
    }

    /** A value: word, quoted string or a function call without arguments ("NAME()"). */
    private Token value() {
        Token v = next();
        if (v.kind() != Kind.WORD && v.kind() != Kind.STRING) {
            throw error("Error in the JQL Query: Expecting a value but got '" + v.text() + "'.", v.position());
        }
        if (v.kind() == Kind.WORD && peek().kind() == Kind.LPAREN) {
            next();
            Token close = next();
            if (close.kind() != Kind.RPAREN) {
                throw unsupported("A function with arguments ('" + v.text() + "')", v);
            }
            return new Token(Kind.WORD, v.text() + "()", v.position());
        }
        return v;
    }

    private Comparator<Issue> orderBy() {
        Comparator<Issue> order = null;
        do {
            if (order != null) {
                next();
            }
            Token f = next();
            String field = FIELD_ALIASES.get(f.text().toLowerCase(Locale.ROOT));
            Comparator<Issue> c;
            if ("updated".equals(field)) {
                c = nullsLast(i -> i.updated);
            } else if ("created".equals(field)) {
                c = nullsLast(i -> i.created);
            } else if ("resolutiondate".equals(field)) {
                c = nullsLast(i -> i.resolved);
            } else if ("key".equals(field)) {
                c = Comparator.comparingInt(Issue::number);
            } else if ("priority".equals(field)) {
                // Jira sorts priorities by their rank: Highest first when DESC
                c = Comparator.comparingInt((Issue i) -> i.priority == null ? Integer.MAX_VALUE
                        : Integer.parseInt(i.priority.id())).reversed();
            } else {
                throw unsupported("ORDER BY '" + f.text() + "'", f);
            }
            if (peek().isWord("desc")) {
                next();
                c = c.reversed();
            } else if (peek().isWord("asc")) {
                next();
            }
            order = order == null ? c : order.thenComparing(c);
        } while (peek().kind() == Kind.COMMA);
        return order;
    }

    private static Comparator<Issue> nullsLast(Function<Issue, Instant> f) {
        return (a, b) -> {
            Instant x = f.apply(a);
            Instant y = f.apply(b);
            if (x == null || y == null) {
                return x == y ? 0 : x == null ? 1 : -1;
            }
            return x.compareTo(y);
        };
    }

    // ---------------------------------------------------------------- semantics

    private static boolean isDate(String field) {
        return field.equals("created") || field.equals("updated") || field.equals("resolutiondate");
    }

    private static Instant dateOf(Issue i, String field) {
        return switch (field) {
            case "created" -> i.created;
            case "updated" -> i.updated;
            default -> i.resolved;
        };
    }

    /** Jira: "!=" and "NOT IN" never match an empty value. */
    private Predicate<Issue> negate(String field, Predicate<Issue> p) {
        Predicate<Issue> notEmpty = empty(field, null, true);
        return notEmpty.and(p.negate());
    }

    private Predicate<Issue> empty(String field, Token op, boolean not) {
        Predicate<Issue> isEmpty = switch (field) {
            case "assignee" -> i -> i.assignee == null;
            case "resolutiondate", "resolution" -> i -> i.resolved == null;
            case "priority" -> i -> i.priority == null;
            default -> i -> false;
        };
        return not ? isEmpty.negate() : isEmpty;
    }

    private Predicate<Issue> equalsAny(String field, List<Token> values) {
        List<Predicate<Issue>> each = new ArrayList<>();
        for (Token v : values) {
            each.add(equalsOne(field, v));
        }
        return i -> each.stream().anyMatch(p -> p.test(i));
    }

    private Predicate<Issue> equalsOne(String field, Token v) {
        String value = v.text();
        switch (field) {
            case "project":
                if (value.equalsIgnoreCase(JiraData.PROJECT_KEY) || value.equals(JiraData.PROJECT_ID)
                        || value.equalsIgnoreCase(JiraData.PROJECT_NAME)) {
                    return i -> true;
                }
                throw noValue(value, "project", v);
            case "key": {
                Optional<Issue> issue = data.issue(value);
                if (issue.isEmpty()) {
                    Matcher m = KEY.matcher(value);
                    if (!m.matches() && !value.chars().allMatch(Character::isDigit)) {
                        throw error("Error in the JQL Query: The issue key '" + value + "' for field 'key' is"
                                + " invalid.", v.position());
                    }
                    String message = "An issue with key '" + value + "' does not exist for field 'key'.";
                    if (strictKeys) {
                        throw new JqlException(message);
                    }
                    warnings.add(message);
                    return i -> false;
                }
                long id = issue.get().id;
                return i -> i.id == id;
            }
            case "assignee":
            case "reporter":
            case "creator": {
                String login = userLogin(value, field, v);
                return switch (field) {
                    case "assignee" -> i -> login.equals(i.assignee);
                    case "reporter" -> i -> login.equals(i.reporter);
                    default -> i -> login.equals(i.creator);
                };
            }
            case "status": {
                JiraData.Status s = JiraData.status(value).orElseThrow(() -> noValue(value, "status", v));
                return i -> i.status.equals(s);
            }
            case "statusCategory": {
                JiraData.Category c = category(value).orElseThrow(() -> noValue(value, "statusCategory", v));
                return i -> i.status.category() == c;
            }
            case "priority": {
                JiraData.Priority p = data.priorityByName(value).or(() -> data.priorityById(value))
                        .orElseThrow(() -> noValue(value, "priority", v));
                return i -> p.equals(i.priority);
            }
            case "resolution": {
                if (value.equalsIgnoreCase("unresolved")) {
                    return i -> i.resolved == null;
                }
                if (value.equalsIgnoreCase("done") || value.equals("10000")) {
                    return i -> i.resolved != null && !i.status.equals(JiraData.CANCELED);
                }
                if (value.equalsIgnoreCase("won't do") || value.equals("10001")) {
                    return i -> i.resolved != null && i.status.equals(JiraData.CANCELED);
                }
                throw noValue(value, "resolution", v);
            }
            default:
                throw new IllegalStateException(field);
        }
    }

    private JqlException noValue(String value, String field, Token at) {
        return error("Error in the JQL Query: The value '" + value + "' does not exist for the field '" + field + "'.",
                at.position());
    }

    private static Optional<JiraData.Category> category(String value) {
        for (JiraData.Category c : JiraData.Category.values()) {
            if (value.equalsIgnoreCase(c.displayName) || value.equalsIgnoreCase(c.key)
                    || value.equals(Integer.toString(c.id))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Data Center knows users by name, Cloud by accountId; both know currentUser(). */
    private String userLogin(String value, String field, Token at) {
        if (value.equalsIgnoreCase("currentUser()")) {
            return caller;
        }
        Optional<JiraData.User> u = flavour == Flavour.CLOUD ? data.userByAccountId(value) : data.user(value);
        return u.map(x -> x.login).orElseThrow(() -> noValue(value, field, at));
    }

    private Predicate<Issue> dateCompare(String field, Token op, Token v) {
        Instant t = instant(v, field);
        String o = op.text();
        return i -> {
            Instant x = dateOf(i, field);
            if (x == null) {
                return false;
            }
            return switch (o) {
                case "=" -> x.truncatedTo(ChronoUnit.MINUTES).equals(t);
                case "!=" -> !x.truncatedTo(ChronoUnit.MINUTES).equals(t);
                case ">" -> x.isAfter(t);
                case ">=" -> !x.isBefore(t);
                case "<" -> x.isBefore(t);
                case "<=" -> !x.isAfter(t);
                default -> throw error("Error in the JQL Query: The operator '" + o + "' is not supported by the '"
                        + field + "' field.", op.position());
            };
        };
    }

    private Instant instant(Token v, String field) {
        String s = v.text().strip();
        ZonedDateTime now = clock.instant().atZone(zone);
        switch (s.toLowerCase(Locale.ROOT)) {
            case "now()":
                return now.toInstant();
            case "startofday()":
                return now.truncatedTo(ChronoUnit.DAYS).toInstant();
            case "startofweek()":
                // Jira's weeks start on Sunday in its default locale; the sandbox uses Monday, as Ukraine does
                return now.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .toInstant();
            case "startofmonth()":
                return now.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
            default:
                break;
        }
        if (s.endsWith("()")) {
            throw unsupported("The function '" + s + "'", v);
        }
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return LocalDateTime.parse(s, f).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(s, f).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        Matcher m = PERIOD.matcher(s);
        if (m.matches()) {
            Duration d = Duration.ZERO;
            Matcher part = PERIOD_PART.matcher(m.group(2));
            while (part.find()) {
                long n = Long.parseLong(part.group(1));
                d = d.plus(switch (part.group(2)) {
                    case "w" -> Duration.ofDays(7 * n);
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                });
            }
            return (m.group(1).equals("-") ? now.minus(d) : now.plus(d)).toInstant();
        }
        throw error("Error in the JQL Query: Date value '" + s + "' for field '" + field + "' is invalid. Valid"
                + " formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period"
                + " format e.g. '-5d', '4w 2d'.", v.position());
    }

    @Override
    public String toString() {
        return Objects.toString(source);
    }
}
