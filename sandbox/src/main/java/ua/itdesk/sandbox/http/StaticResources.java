package ua.itdesk.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sandbox's web pages: plain files from the classpath (no build step), served under a context path. Only file
 * names of one folder are served (no sub-folders, no ".."), and every page is locked to its own origin by a
 * Content-Security-Policy, so that nothing a bot or a user wrote can run as script even if it slipped through
 * escaping.
 */
public final class StaticResources implements HttpHandler {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+\\.[a-z]+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");
    static final String POLICY = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:;"
            + " style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'";

    private final String contextPath;
    private final String folder;

    /**
     * @param contextPath where the files appear, ending in "/" ({@code /sandbox/chat/}); the bare path without the
     *                    slash redirects there, so relative links in the pages work
     * @param folder      classpath folder of the files, e.g. {@code sandbox/web/chat}; {@code index.html} is the page
     */
    public StaticResources(String contextPath, String folder) {
        if (!contextPath.endsWith("/")) {
            throw new IllegalArgumentException("a context path ends with /: " + contextPath);
        }
        this.contextPath = contextPath;
        this.folder = folder;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                text(exchange, 405, "method not allowed");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(contextPath)) {
                exchange.getResponseHeaders().set("Location", contextPath);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            String name = path.substring(contextPath.length());
            if (name.isEmpty()) {
                name = "index.html";
            }
            String type = NAME.matcher(name).matches() ? TYPES.get(name.substring(name.lastIndexOf('.') + 1)) : null;
            byte[] body = null;
            if (type != null) {
                try (InputStream in = StaticResources.class.getClassLoader()
                        .getResourceAsStream(folder + "/" + name)) {
                    body = in == null ? null : in.readAllBytes();
                }
            }
            if (body == null) {
                text(exchange, 404, "no such page: " + name);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
