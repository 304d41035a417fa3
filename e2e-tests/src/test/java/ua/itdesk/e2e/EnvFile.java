package ua.itdesk.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed environment file of {@code deploy/}, edited as an operator edits it: a setting's line
 * ({@code KEY=value}, or the commented-out {@code #KEY=default}) is replaced by {@code KEY=new value}, and every other
 * line stays as it is. A key that the file does not name is an error: the template must list every setting.
 */
final class EnvFile {

    private static final Pattern ASSIGNMENT = Pattern.compile("^(#?)([A-Z][A-Z0-9_]*)=(.*)$");
    /** What a value may hold unquoted when a shell reads the file ({@code set -a; . file}) and systemd too. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:,=+@%-]*");
    /** What neither reads literally inside double quotes: expansions and escapes (the template has none). */
    private static final Pattern UNQUOTABLE = Pattern.compile("[\"$`\\\\\\n]");

    private final Path file;
    private final List<String> lines;

    private EnvFile(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    static EnvFile read(Path file) throws IOException {
        return new EnvFile(file, new ArrayList<>(Files.readAllLines(file)));
    }

    /** Sets {@code key} on the line that names it, uncommenting it; quoted as the template asks when needed. */
    EnvFile set(String key, String value) {
        if (UNQUOTABLE.matcher(value).find()) {
            throw new IllegalArgumentException(key + ": a value with quotes, $, ` or \\ cannot go into " + file);
        }
        String written = PLAIN.matcher(value).matches() ? value : '"' + value + '"';
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ASSIGNMENT.matcher(lines.get(i));
            if (m.matches() && m.group(2).equals(key)) {
                if (found >= 0) {
                    throw new IllegalStateException(file + " names " + key + " twice (lines " + (found + 1) + " and "
                            + (i + 1) + ")");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException(file + " has no line for " + key + ": the template misses a setting");
        }
        lines.set(found, key + "=" + written);
        return this;
    }

    /** The value of a setting that is set (not commented out), as written, without its quotes. */
    String get(String key) {
        for (String line : lines) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches() && m.group(1).isEmpty() && m.group(2).equals(key)) {
                String v = m.group(3);
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        throw new IllegalStateException(file + " does not set " + key);
    }

    /** Applies {@code edit} to the value of every setting that is set (for the paths of a relocated install). */
    EnvFile editValues(UnaryOperator<String> edit) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ASSIGNMENT.matcher(lines.get(i));
            if (m.matches() && m.group(1).isEmpty()) {
                lines.set(i, m.group(2) + "=" + edit.apply(m.group(3)));
            }
        }
        return this;
    }

    void write() throws IOException {
        Files.write(file, lines);
    }
}
