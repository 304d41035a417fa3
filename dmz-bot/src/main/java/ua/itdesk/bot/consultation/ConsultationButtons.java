package ua.itdesk.bot.consultation;

import java.util.Optional;
import java.util.regex.Pattern;
import ua.itdesk.contracts.v1.RequestsApi;

/**
 * Callback data of the consultation buttons, built and read back in one place. None carries a session nonce: each
 * names a row (request, consultation, offer, chat) and the press is checked against who owns that row, so a button
 * pressed by someone else, or on a message of an older session, is refused by the same check.
 *
 * <ul>
 * <li>{@code cs|c|<ISSUE-KEY>}: "Contact a specialist online" on a request;</li>
 * <li>{@code cs|l|<consultation>}: leave the queue;</li>
 * <li>{@code cs|a|<offer>}, {@code cs|d|<offer>}: accept, decline an offer;</li>
 * <li>{@code cs|e|<chat>}: end a chat;</li>
 * <li>{@code cs|r|<consultation>|<0-5>}: a rating, 0 skips it.</li>
 * </ul>
 */
public final class ConsultationButtons {

    private static final Pattern ISSUE_KEY = Pattern.compile(RequestsApi.ISSUE_KEY);
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private ConsultationButtons() {
    }

    /** A pressed consultation button, as the client sent it. */
    public sealed interface Press {
    }

    public record Contact(String issueKey) implements Press {
    }

    public record Leave(long consultationId) implements Press {
    }

    public record Accept(long offerId) implements Press {
    }

    public record Decline(long offerId) implements Press {
    }

    public record End(long chatId) implements Press {
    }

    /** @param stars 1-5, or 0 for "skip" */
    public record Rate(long consultationId, int stars) implements Press {
    }

    /** Data in our format that does not parse: edited, forged or from an incompatible version. */
    public record Malformed() implements Press {
    }

    public static boolean ours(String data) {
        return data != null && data.startsWith("cs|");
    }

    public static String contact(String issueKey) {
        return "cs|c|" + issueKey;
    }

    public static String leave(long consultationId) {
        return "cs|l|" + consultationId;
    }

    public static String accept(long offerId) {
        return "cs|a|" + offerId;
    }

    public static String decline(long offerId) {
        return "cs|d|" + offerId;
    }

    public static String end(long chatId) {
        return "cs|e|" + chatId;
    }

    public static String rate(long consultationId, int stars) {
        if (stars < 0 || stars > 5) {
            throw new IllegalArgumentException("stars are 0 (skip) to 5, not " + stars);
        }
        return "cs|r|" + consultationId + "|" + stars;
    }

    /** Reads callback data; empty when it is not a consultation button. */
    public static Optional<Press> parse(String data) {
        if (!ours(data)) {
            return Optional.empty();
        }
        String[] p = data.split("\\|", -1);
        Press press = null;
        if (p.length == 3 && p[1].equals("c") && ISSUE_KEY.matcher(p[2]).matches()) {
            press = new Contact(p[2]);
        } else if (p.length == 3 && ID.matcher(p[2]).matches()) {
            long id = Long.parseLong(p[2]);
            press = switch (p[1]) {
                case "l" -> new Leave(id);
                case "a" -> new Accept(id);
                case "d" -> new Decline(id);
                case "e" -> new End(id);
                default -> null;
            };
        } else if (p.length == 4 && p[1].equals("r") && ID.matcher(p[2]).matches() && p[3].matches("[0-5]")) {
            press = new Rate(Long.parseLong(p[2]), Integer.parseInt(p[3]));
        }
        return Optional.of(press == null ? new Malformed() : press);
    }
}
