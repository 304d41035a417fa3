package ua.itdesk.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The Jira stand-in's control side over HTTP (same HTTPS port, no authentication, JSON in and out), for the sandbox
 * page and for processes other than the one that started the stand-in. Errors are {@code {"error": "..."}} with 400
 * (bad input) or 404 (no such request, user or route). {@code as} is an agent's user name (a specialist, e.g. {@code b.rudenko}).
 *
 * <pre>
 * GET    /sandbox/jira/api/requests                    every request with comments and attachments (metadata)
 * GET    /sandbox/jira/api/requests/{key}              one request
 * GET    /sandbox/jira/api/requests/{key}/attachments/{id}   an attachment's bytes (a download)
 * POST   /sandbox/jira/api/requests/{key}/status       {"status": "In Progress", "as"}
 * POST   /sandbox/jira/api/requests/{key}/comments     {"body", "as", "public"?: true}
 * POST   /sandbox/jira/api/requests/{key}/assignee     {"assignee": "k.marchenko" | null, "as"}
 * GET    /sandbox/jira/api/users                       users with accountIds, agents and the service account marked
 * GET    /sandbox/jira/api/statuses                    the workflow's statuses: name, category, transition
 * GET    /sandbox/jira/api/workloads                   per specialist: open, resolved (7 d, 30 d, all), last resolved
 * GET    /sandbox/jira/api/calls                       {"total", "byOperation": {...}}
 * DELETE /sandbox/jira/api/calls                       resets the counters
 * GET    /sandbox/jira/api/webhooks                    webhook events with attempts and outcome
 * GET    /sandbox/jira/api/faults                      the faults in force: available, latencyMillis,
 *                                                      failNext {status, remaining, operation}, dropNextWebhooks
 * PUT    /sandbox/jira/api/faults/latency              {"millis"}
 * POST   /sandbox/jira/api/faults/fail                 {"status", "count", "retryAfterSeconds"?, "operation"?}
 * POST   /sandbox/jira/api/faults/drop-webhooks        {"count"}
 * PUT    /sandbox/jira/api/available                   {"available": true|false}
 * </pre>
 */
final class ControlApi {

    static final String PREFIX = "/sandbox/jira/api";

    private final JiraStandIn jira;

    ControlApi(JiraStandIn jira) {
        this.jira = jira;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (NoSuchElementException e) {
                Http.sendJson(exchange, 404, error(e.getMessage()), Map.of());
            } catch (IllegalArgumentException e) {
                Http.sendJson(exchange, 400, error(e.getMessage()), Map.of());
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length()).replaceAll("/+$", "");
        String[] parts = path.replaceAll("^/+", "").split("/");
        JsonNode body = body(exchange);
        ObjectNode ok = JiraStandIn.JSON.createObjectNode().put("ok", true);
        if (method.equals("GET") && path.equals("/requests")) {
            ArrayNode a = JiraStandIn.JSON.createArrayNode();
            jira.requests().forEach(r -> a.add(jira.requestView(r)));
            send(exchange, a);
        } else if (parts.length >= 2 && parts[0].equals("requests")) {
            String key = parts[1];
            String action = parts.length == 3 ? parts[2] : "";
            if (method.equals("GET") && parts.length == 4 && parts[2].equals("attachments")) {
                download(exchange, key, parts[3]);
            } else if (method.equals("GET") && parts.length == 2) {
                send(exchange, jira.requestView(jira.request(key)
                        .orElseThrow(() -> new NoSuchElementException("no request " + key))));
            } else if (method.equals("POST") && action.equals("status")) {
                jira.changeStatus(key, required(body, "status"), required(body, "as"));
                send(exchange, ok);
            } else if (method.equals("POST") && action.equals("comments")) {
                jira.addComment(key, required(body, "as"), required(body, "body"),
                        body.path("public").asBoolean(true));
                send(exchange, ok);
            } else if (method.equals("POST") && action.equals("assignee")) {
                if (!body.has("assignee")) {
                    throw new IllegalArgumentException("assignee is required (null unassigns)");
                }
                jira.assign(key, body.get("assignee").isNull() ? null : body.get("assignee").asText(),
                        required(body, "as"));
                send(exchange, ok);
            } else {
                throw new NoSuchElementException("no route " + method + " " + PREFIX + path);
            }
        } else if (method.equals("GET") && path.equals("/users")) {
            send(exchange, jira.usersView());
        } else if (method.equals("GET") && path.equals("/statuses")) {
            send(exchange, JiraStandIn.statusesView());
        } else if (method.equals("GET") && path.equals("/faults")) {
            send(exchange, jira.faultsView());
        } else if (method.equals("GET") && path.equals("/workloads")) {
            send(exchange, JiraStandIn.JSON.valueToTree(jira.workloads()));
        } else if (method.equals("GET") && path.equals("/calls")) {
            ObjectNode n = JiraStandIn.JSON.createObjectNode();
            n.put("total", jira.totalCalls());
            n.set("byOperation", JiraStandIn.JSON.valueToTree(jira.callCounts()));
            send(exchange, n);
        } else if (method.equals("DELETE") && path.equals("/calls")) {
            jira.resetCallCounts();
            send(exchange, ok);
        } else if (method.equals("GET") && path.equals("/webhooks")) {
            send(exchange, JiraStandIn.JSON.valueToTree(jira.webhookDeliveries()));
        } else if (method.equals("PUT") && path.equals("/faults/latency")) {
            jira.injectLatency(Duration.ofMillis(body.path("millis").asLong(0)));
            send(exchange, ok);
        } else if (method.equals("POST") && path.equals("/faults/fail")) {
            jira.failNext(body.path("status").asInt(0), body.path("count").asInt(1),
                    body.hasNonNull("retryAfterSeconds") ? body.get("retryAfterSeconds").asInt() : null,
                    body.hasNonNull("operation") ? body.get("operation").asText() : null);
            send(exchange, ok);
        } else if (method.equals("POST") && path.equals("/faults/drop-webhooks")) {
            jira.dropNextWebhooks(body.path("count").asInt(1));
            send(exchange, ok);
        } else if (method.equals("PUT") && path.equals("/available")) {
            jira.setAvailable(body.path("available").asBoolean(true));
            send(exchange, ok);
        } else {
            throw new NoSuchElementException("no route " + method + " " + PREFIX + path);
        }
    }

    private void download(HttpExchange exchange, String key, String id) throws IOException {
        JiraRequest.Attachment a = jira.request(key).orElseThrow(() -> new NoSuchElementException("no request " + key))
                .attachments().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no attachment " + id + " on " + key));
        String name = URLEncoder.encode(a.filename(), StandardCharsets.UTF_8).replace("+", "%20");
        Http.send(exchange, 200, a.mimeType() == null ? "application/octet-stream" : a.mimeType(), a.content(),
                Map.of("Content-Disposition", "attachment; filename*=UTF-8''" + name,
                        "X-Content-Type-Options", "nosniff"));
    }

    private static String required(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v.asText();
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return JiraStandIn.JSON.createObjectNode();
        }
        try {
            JsonNode node = JiraStandIn.JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    private static ObjectNode error(String message) {
        return JiraStandIn.JSON.createObjectNode().put("error", message);
    }

    private static void send(HttpExchange exchange, JsonNode body) throws IOException {
        Http.sendJson(exchange, 200, body, Map.of());
    }
}
