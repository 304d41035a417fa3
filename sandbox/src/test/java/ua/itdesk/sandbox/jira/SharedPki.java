package ua.itdesk.sandbox.jira;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import ua.itdesk.sandbox.pki.Pki;

/** One throwaway PKI for all Jira stand-in tests in this JVM (RSA key generation is the slow part of a start). */
final class SharedPki {

    private static Pki pki;

    private SharedPki() {
    }

    static synchronized Pki get() {
        if (pki == null) {
            try {
                var dir = Files.createTempDirectory("jira-stand-in-pki");
                dir.toFile().deleteOnExit();
                pki = Pki.generate(dir);
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().deleteOnExit());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pki;
    }
}
