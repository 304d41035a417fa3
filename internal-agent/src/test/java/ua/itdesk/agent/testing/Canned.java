package ua.itdesk.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Canned Jira answers from {@code src/test/resources/jira}, each listed in {@code canned.properties}. */
public final class Canned {

    private Canned() {
    }

    public static String jira(String name) {
        try (InputStream in = Canned.class.getResourceAsStream("/jira/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no canned Jira answer " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
