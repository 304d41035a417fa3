package ua.itdesk.bot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.OutgoingMessage;

/**
 * An {@link OutgoingMessage} as the outbox keeps it: a small JSON document of our own (text, keyboard, reply), not
 * the Bot API request, so that a change of the Telegram library does not strand queued rows.
 */
final class OutboxPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxPayload() {
    }

    static String write(OutgoingMessage message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("html", message.html());
        if (message.replyTo() != null) {
            root.put("replyTo", message.replyTo());
        }
        ObjectNode keyboard = root.putObject("keyboard");
        Keyboard k = message.keyboard();
        if (k instanceof Keyboard.Remove) {
            keyboard.put("type", "remove");
        } else if (k instanceof Keyboard.RequestContact contact) {
            keyboard.put("type", "contact").put("label", contact.label());
        } else if (k instanceof Keyboard.Inline inline) {
            keyboard.put("type", "inline");
            ArrayNode rows = keyboard.putArray("rows");
            for (List<Keyboard.Button> row : inline.rows()) {
                ArrayNode buttons = rows.addArray();
                for (Keyboard.Button b : row) {
                    buttons.addObject().put("label", b.label()).put("data", b.data()).put("url", b.url());
                }
            }
        } else {
            keyboard.put("type", "unchanged");
        }
        return root.toString();
    }

    static OutgoingMessage read(long chatId, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an outbox payload that is not JSON", e);
        }
        JsonNode k = root.path("keyboard");
        Keyboard keyboard = switch (k.path("type").asText()) {
            case "remove" -> Keyboard.REMOVE;
            case "contact" -> new Keyboard.RequestContact(k.path("label").asText());
            case "inline" -> {
                List<List<Keyboard.Button>> rows = new ArrayList<>();
                for (JsonNode row : k.path("rows")) {
                    List<Keyboard.Button> buttons = new ArrayList<>();
                    for (JsonNode b : row) {
                        buttons.add(new Keyboard.Button(b.path("label").asText(), text(b, "data"), text(b, "url")));
                    }
                    rows.add(buttons);
                }
                yield new Keyboard.Inline(rows);
            }
            default -> Keyboard.UNCHANGED;
        };
        Long replyTo = root.hasNonNull("replyTo") ? root.get("replyTo").asLong() : null;
        return new OutgoingMessage(chatId, root.path("html").asText(), keyboard, replyTo);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
