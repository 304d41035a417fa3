package ua.itdesk.sandbox.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * The stand-in's control side over HTTP, JSON in and out, for the sandbox web page and for processes other than the
 * one that started the stand-in. Every action answers {@code {"updateId": N}} or the view asked for; an action that
 * posts or edits a message of the user adds its {@code "messageId"}. Errors are {@code {"error": "..."}} with 400 or
 * 404 (no such route, action, message or file). {@code replyToMessageId} (optional) makes a message a reply
 * (Telegram's "Reply") to a message of the chat, the bot's or the user's own.
 *
 * <pre>
 * GET  /sandbox/api/people                      seeded staff (SeedPeople) with their Telegram ids
 * GET  /sandbox/api/users                       users known to the stand-in
 * POST /sandbox/api/users                       {"id", "firstName", "lastName", "languageCode"}
 * POST /sandbox/api/users/{id}/text             {"text", "replyToMessageId"?}
 * POST /sandbox/api/users/{id}/contact          {"phoneNumber"?, "contactUserId"?, "firstName"?, "own"?}
 *                                               own=true: the person's own contact (seeded number, user_id = id)
 * POST /sandbox/api/users/{id}/press            {"messageId", "callbackData"}
 * POST /sandbox/api/users/{id}/photo            {"contentBase64", "caption"?, "replyToMessageId"?}
 * POST /sandbox/api/users/{id}/document         {"fileName", "mimeType"?, "contentBase64", "caption"?,
 *                                                "replyToMessageId"?}
 * POST /sandbox/api/users/{id}/voice            {"contentBase64" (OGG), "duration" (seconds), "caption"?,
 *                                                "replyToMessageId"?}
 * POST /sandbox/api/users/{id}/edit             {"messageId", "text"}: the new text, or a media message's new
 *                                               caption ("" removes it); the bot gets an edited_message
 * POST /sandbox/api/users/{id}/block            {"blocked": true|false}
 * POST /sandbox/api/updates                     a raw update (JSON object without update_id)
 * GET  /sandbox/api/chats/{id}?since=R&amp;wait=S   both sides' messages; waits up to S s for a revision after R
 * GET  /sandbox/api/chats/{id}/events           server-sent events: the chat as above (event "chat", id = its
 *                                               revision) at once and after every change; a comment line every
 *                                               15 s keeps proxies from closing the stream
 * GET  /sandbox/api/bot                         webhook, counters, limits, setMyCommands history
 * GET  /sandbox/api/commands?scope=T&amp;lang=L     the command list the bot set for that scope and language
 * PUT  /sandbox/api/limits                      {"globalPerSecond", "perChatPerSecond"} (0 = off)
 * GET  /sandbox/api/files/{fileId}              a file's bytes
 * </pre>
 */
final class ControlApi {

    static final String PREFIX = "/sandbox/api";
    private static final int KEEP_ALIVE_SECONDS = 15;

    private final TelegramStandIn telegram;

    ControlApi(TelegramStandIn telegram) {
        this.telegram = telegram;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (IllegalArgumentException | IllegalStateException e) {
                send(exchange, 400, error(e.getMessage()));
            } catch (NotFound | NoSuchElementException e) {
                send(exchange, 404, error(e.getMessage()));
            }
        }
    }

    private static final class NotFound extends Exception {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    private void route(HttpExchange exchange) throws IOException, NotFound {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        String head = parts[0];
        if (method.equals("GET") && path.matches("/people/?")) {
            send(exchange, 200, people());
        } else if (method.equals("GET") && path.matches("/users/?")) {
            send(exchange, 200, telegram.usersView());
        } else if (method.equals("POST") && path.matches("/users/?")) {
            JsonNode body = body(exchange);
            telegram.user(requiredLong(body, "id"), body.path("firstName").asText(null),
                    body.path("lastName").asText(null), body.path("languageCode").asText(null));
            send(exchange, 200, TelegramStandIn.JSON.createObjectNode().put("ok", true));
        } else if (method.equals("POST") && head.equals("users") && parts.length == 3) {
            long userId = parseLong(parts[1], "user id");
            send(exchange, 200, userAction(userId, parts[2], body(exchange)));
        } else if (method.equals("POST") && path.matches("/updates/?")) {
            String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            send(exchange, 200, updateId(telegram.sendRawUpdate(raw)));
        } else if (method.equals("GET") && head.equals("chats") && parts.length == 3 && parts[2].equals("events")) {
            stream(exchange, parseLong(parts[1], "chat id"));
        } else if (method.equals("GET") && head.equals("chats") && parts.length == 2) {
            long chatId = parseLong(parts[1], "chat id");
            long since = query.containsKey("since") ? parseLong(query.get("since"), "since") : -1;
            int wait = query.containsKey("wait") ? (int) parseLong(query.get("wait"), "wait") : 0;
            send(exchange, 200, telegram.chatView(chatId, since, wait));
        } else if (method.equals("GET") && path.matches("/bot/?")) {
            send(exchange, 200, telegram.botView());
        } else if (method.equals("GET") && path.matches("/commands/?")) {
            send(exchange, 200, telegram.currentCommands(query.getOrDefault("scope", "default"),
                    query.getOrDefault("lang", "")));
        } else if (method.equals("PUT") && path.matches("/limits/?")) {
            JsonNode body = body(exchange);
            telegram.setRateLimits(body.path("globalPerSecond").asInt(0), body.path("perChatPerSecond").asInt(0));
            send(exchange, 200, telegram.botView().get("limits"));
        } else if (method.equals("GET") && head.equals("files") && parts.length == 2) {
            TelegramFile f = telegram.file(parts[1]).orElseThrow(() -> new NotFound("no file " + parts[1]));
            exchange.getResponseHeaders().set("Content-Type", f.mimeType());
            exchange.sendResponseHeaders(200, f.content().length);
            exchange.getResponseBody().write(f.content());
        } else {
            throw new NotFound("no route " + method + " " + PREFIX + path);
        }
    }

    /**
     * The chat page's live view: the whole chat again after each change (edits and deletions included), so a page
     * that missed events while reconnecting is up to date with the next one. Ends when the page goes away (the write
     * fails) or the stand-in closes.
     */
    private void stream(HttpExchange exchange, long chatId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long since = -1;
        try {
            while (!telegram.isClosed()) {
                ObjectNode chat = telegram.chatView(chatId, since, KEEP_ALIVE_SECONDS);
                long revision = chat.get("revision").asLong();
                String frame = revision > since
                        ? "event: chat\nid: " + revision + "\ndata: " + TelegramStandIn.JSON.writeValueAsString(chat)
                                + "\n\n"
                        : ": keep-alive\n\n";
                since = revision;
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | IllegalStateException e) {
            // the page closed the stream, or the stand-in is stopping: nothing to answer any more
        }
    }

    private ObjectNode userAction(long userId, String action, JsonNode body) throws NotFound {
        Long replyTo = optionalLong(body, "replyToMessageId");
        switch (action) {
            case "text": {
                String text = body.path("text").asText(null);
                return telegram.posted(userId, () -> replyTo != null
                        ? telegram.replyTo(userId, replyTo, text)
                        : telegram.sendText(userId, text));
            }
            case "contact": {
                Optional<SeedPerson> person = SeedPeople.byTelegramUserId(userId);
                boolean own = body.path("own").asBoolean(false);
                String phone = body.path("phoneNumber").asText(null);
                if (phone == null && own) {
                    // Telegram clients send the account's number in international form, without "+"
                    phone = person.map(p -> p.e164().substring(1))
                            .orElseThrow(() -> new IllegalArgumentException("phoneNumber is required"));
                }
                Long contactUserId = body.hasNonNull("contactUserId") ? body.get("contactUserId").asLong()
                        : own ? userId : null;
                String firstName = body.path("firstName").asText(person.map(SeedPerson::firstName).orElse(null));
                String number = phone;
                return telegram.posted(userId, () -> telegram.sendContact(userId, number, contactUserId, firstName));
            }
            case "press":
                return updateId(telegram.pressButton(userId, requiredLong(body, "messageId"),
                        body.path("callbackData").asText(null)));
            case "photo": {
                byte[] image = base64(body);
                return telegram.posted(userId, () -> telegram.sendPhoto(userId, image,
                        body.path("caption").asText(null), replyTo));
            }
            case "document": {
                byte[] content = base64(body);
                return telegram.posted(userId, () -> telegram.sendDocument(userId,
                        body.path("fileName").asText("file.bin"), body.path("mimeType").asText(null), content,
                        body.path("caption").asText(null), replyTo));
            }
            case "voice": {
                byte[] ogg = base64(body);
                long seconds = requiredLong(body, "duration");
                if (seconds < Integer.MIN_VALUE || seconds > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("bad duration: " + seconds);
                }
                int duration = (int) seconds;
                return telegram.posted(userId, () -> telegram.sendVoice(userId, ogg, duration,
                        body.path("caption").asText(null), replyTo));
            }
            case "edit": {
                long messageId = requiredLong(body, "messageId");
                if (!body.path("text").isTextual()) {
                    throw new IllegalArgumentException("text is required (\"\" removes a caption)");
                }
                long id = telegram.editMessage(userId, messageId, body.get("text").asText());
                return updateId(id).put("messageId", messageId);
            }
            case "block":
                telegram.setBotBlocked(userId, body.path("blocked").asBoolean(true));
                return TelegramStandIn.JSON.createObjectNode().put("ok", true);
            default:
                throw new NotFound("no user action " + action);
        }
    }

    private static ArrayNode people() {
        ArrayNode a = TelegramStandIn.JSON.createArrayNode();
        for (SeedPerson p : SeedPeople.all()) {
            ObjectNode n = TelegramStandIn.JSON.valueToTree(p);
            n.put("firstName", p.firstName());
            n.put("lastName", p.lastName());
            n.put("canLogIn", p.canLogIn());
            a.add(n);
        }
        return a;
    }

    private static byte[] base64(JsonNode body) {
        String content = body.path("contentBase64").asText(null);
        if (content == null) {
            throw new IllegalArgumentException("contentBase64 is required");
        }
        return Base64.getMimeDecoder().decode(content);
    }

    private static ObjectNode updateId(long id) {
        return TelegramStandIn.JSON.createObjectNode().put("updateId", id);
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return TelegramStandIn.JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = TelegramStandIn.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return node;
    }

    private static long requiredLong(JsonNode body, String field) {
        Long v = optionalLong(body, field);
        if (v == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v;
    }

    private static Long optionalLong(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!(v.isIntegralNumber() || v.isTextual())) {
            throw new IllegalArgumentException("bad " + field + ": " + v);
        }
        return parseLong(v.asText(), field);
    }

    private static long parseLong(String s, String what) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + ": " + s);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static ObjectNode error(String message) {
        return TelegramStandIn.JSON.createObjectNode().put("error", message);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        telegram.reply(exchange, status, body);
    }
}
