package ua.itdesk.sandbox.http;

/**
 * The JDK's HTTP server writes an answer's headers and body in separate writes without {@code TCP_NODELAY} unless
 * told otherwise, so with a client that delays its acknowledgements (Linux does, up to 40 ms) each answer waits for
 * Nagle's algorithm: the benchmark measured 40 ms added to every Bot API call of the stand-in, which a real Telegram
 * does not add. Every stand-in calls {@link #forHttpServers()} before it creates its server.
 */
public final class NoDelay {

    /** The JDK reads it once, when its first HTTP server is created in the process. */
    static final String PROPERTY = "sun.net.httpserver.nodelay";

    private NoDelay() {
    }

    /** Turns Nagle's algorithm off for the JDK's HTTP servers of this process, unless someone chose otherwise. */
    public static void forHttpServers() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
