package ua.itdesk.bot.requests;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.RequestsApi;

/**
 * Callback data of the request buttons, built and read back in one place.
 *
 * <ul>
 * <li>{@code rq|d|<ISSUE-KEY>}: the detail view. Deliberately without the session nonce, so that other parts of
 * the bot (notifications) can put it on their messages: whoever presses it is looked up by their own Telegram id
 * and the agent, asked with their own token, decides whether they may see the request.</li>
 * <li>{@code rq|m|<page>|<nonce>}, {@code rq|a|<page>|<nonce>}: a page of "my requests" / "assigned to me".</li>
 * <li>{@code w|<code>[|<arg>]|<nonce>}: the wizard's buttons.</li>
 * </ul>
 * Everything but the detail view is bound to the session's nonce, like the menu's buttons.
 */
public final class RequestButtons {

    private static final Pattern ISSUE_KEY = Pattern.compile(RequestsApi.ISSUE_KEY);
    private static final Pattern CATEGORY_ID = Pattern.compile("[0-9]{1,18}");
    private static final int MAX_PAGE = 999;

    private static final Map<String, WizardEvent> WIZARD_CODES = Map.of("s", WizardEvent.SKIP, "n", WizardEvent.DONE,
            "y", WizardEvent.SOLVED, "k", WizardEvent.NOT_SOLVED, "ok", WizardEvent.CONFIRM, "b", WizardEvent.BACK,
            "x", WizardEvent.CANCEL);

    private RequestButtons() {
    }

    /** A pressed request button, as the client sent it. */
    public sealed interface Press {
    }

    /** The detail view of a request. */
    public record Detail(String issueKey) implements Press {
    }

    /** A page of a list. */
    public record ListPage(TicketsCache.Relation relation, int page, String nonce) implements Press {
    }

    /**
     * A wizard button.
     *
     * @param argument the category id or the priority for those buttons, else null
     */
    public record Wizard(WizardEvent event, String argument, String nonce) implements Press {
    }

    /** Data in one of our formats that does not parse: edited, forged or from an incompatible version. */
    public record Malformed() implements Press {
    }

    /** Whether the data belongs to the request buttons at all. */
    public static boolean ours(String data) {
        return data != null && (data.startsWith("rq|") || data.startsWith("w|"));
    }

    public static String detail(String issueKey) {
        return "rq|d|" + issueKey;
    }

    public static String page(TicketsCache.Relation relation, int page, String nonce) {
        return "rq|" + (relation == TicketsCache.Relation.REPORTER ? "m" : "a") + "|" + page + "|" + nonce;
    }

    public static String wizard(WizardEvent event, String nonce) {
        String code = WIZARD_CODES.entrySet().stream().filter(e -> e.getValue() == event).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no button for " + event));
        return "w|" + code + "|" + nonce;
    }

    public static String category(String categoryId, String nonce) {
        return "w|c|" + categoryId + "|" + nonce;
    }

    public static String priority(Priority priority, String nonce) {
        return "w|p|" + priority.name().substring(0, 1).toLowerCase(Locale.ROOT) + "|" + nonce;
    }

    /** Reads callback data; empty when it is not a request button. */
    public static Optional<Press> parse(String data) {
        if (!ours(data)) {
            return Optional.empty();
        }
        String[] p = data.split("\\|", -1);
        Press press = p[0].equals("rq") ? view(p) : wizard(p);
        return Optional.of(press == null ? new Malformed() : press);
    }

    private static Press view(String[] p) {
        if (p.length == 3 && p[1].equals("d") && ISSUE_KEY.matcher(p[2]).matches()) {
            return new Detail(p[2]);
        }
        if (p.length == 4 && (p[1].equals("m") || p[1].equals("a")) && p[2].matches("[0-9]{1,3}")
                && Integer.parseInt(p[2]) <= MAX_PAGE && !p[3].isEmpty()) {
            return new ListPage(p[1].equals("m") ? TicketsCache.Relation.REPORTER : TicketsCache.Relation.ASSIGNEE,
                    Integer.parseInt(p[2]), p[3]);
        }
        return null;
    }

    private static Press wizard(String[] p) {
        if (p.length == 3 && WIZARD_CODES.containsKey(p[1]) && !p[2].isEmpty()) {
            return new Wizard(WIZARD_CODES.get(p[1]), null, p[2]);
        }
        if (p.length == 4 && p[1].equals("c") && CATEGORY_ID.matcher(p[2]).matches() && !p[3].isEmpty()) {
            return new Wizard(WizardEvent.CATEGORY, p[2], p[3]);
        }
        if (p.length == 4 && p[1].equals("p") && !p[3].isEmpty()) {
            for (Priority priority : Priority.values()) {
                if (priority(priority, p[3]).equals(String.join("|", p))) {
                    return new Wizard(WizardEvent.PRIORITY, priority.name(), p[3]);
                }
            }
        }
        return null;
    }
}
