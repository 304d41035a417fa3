package ua.itdesk.bot.consultation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import ua.itdesk.bot.consultation.ChatMessages.Kind;
import ua.itdesk.bot.consultation.ChatMessages.Side;

/**
 * A consultation as Jira comments (C4): a header naming both sides, then one line per message in Kyiv time. Files
 * go to the request as attachments; their line names the file and carries the caption. Plain text without a clock
 * or a database, so that the format is unit-tested.
 */
final class Transcript {

    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(KYIV);
    private static final String CUT = "…";

    /**
     * One message of the chat.
     *
     * @param text     the text or caption, may be null
     * @param fileName the file's name for a photo, document or voice note, may be null
     * @param editOf   the sequence number of the message this edits, else null
     */
    record Line(Instant at, Side side, Kind kind, String text, String fileName, Integer editOf) {
    }

    private final String header;
    private final String employee;
    private final String specialist;
    private final int maxLength;

    /**
     * @param maxLength the longest comment the agent takes; every comment made here stays within it
     */
    Transcript(String employee, String specialist, int maxLength) {
        this.employee = employee;
        this.specialist = specialist;
        this.header = "Consultation via Telegram, " + employee + " and " + specialist;
        this.maxLength = maxLength;
        if (maxLength < header.length() + 2 + CUT.length()) {
            throw new IllegalArgumentException("a comment of " + maxLength + " characters cannot hold a line");
        }
    }

    /** The transcript line of one message; a note of the bot's own is its text alone. */
    String line(Line l) {
        String text = l.text() == null ? "" : l.text();
        if (l.kind() == Kind.NOTE) {
            return text;
        }
        StringBuilder b = new StringBuilder("[").append(TIME.format(l.at())).append("] ").append(name(l.side()));
        if (l.editOf() != null) {
            b.append(" (edited message ").append(l.editOf()).append(')');
        }
        b.append(':');
        if (l.kind() != Kind.TEXT) {
            b.append(" [").append(l.kind().name().toLowerCase(Locale.ROOT));
            if (l.fileName() != null && !l.fileName().isBlank()) {
                b.append(": ").append(l.fileName());
            }
            b.append(']');
        }
        if (!text.isEmpty()) {
            b.append(' ').append(text);
        }
        return b.toString();
    }

    /** How many of the leading {@code lines} fit in one comment under the header; at least one. */
    int fitting(List<String> lines) {
        int length = header.length();
        int n = 0;
        for (String line : lines) {
            length += 1 + line.length();
            if (length > maxLength && n > 0) {
                break;
            }
            n++;
        }
        return n;
    }

    /** The comment of these lines; a single line too long for any comment is cut (Telegram's own limits are far below). */
    String comment(List<String> lines) {
        String body = header + "\n" + String.join("\n", lines);
        return body.length() <= maxLength ? body : body.substring(0, maxLength - CUT.length()) + CUT;
    }

    private String name(Side side) {
        return switch (side) {
            case EMPLOYEE -> employee;
            case SPECIALIST -> specialist;
            case SYSTEM -> "Bot";
        };
    }
}
