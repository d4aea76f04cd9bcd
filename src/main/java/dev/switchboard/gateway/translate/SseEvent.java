package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.nio.charset.StandardCharsets;

/**
 * One server-sent event: an optional {@code event:} name and its {@code data:} text.
 * Chat Completions chunks have no name; Messages and Responses events are named by their type.
 */
public record SseEvent(String event, String data) {
    /** The Chat Completions end marker, {@code data: [DONE]}. */
    public static final SseEvent DONE = new SseEvent(null, "[DONE]");

    public static SseEvent data(JsonNode json) {
        return new SseEvent(null, write(json));
    }

    public static SseEvent named(String event, JsonNode json) {
        return new SseEvent(event, write(json));
    }

    public boolean isDone() {
        return "[DONE]".equals(data == null ? null : data.trim());
    }

    /** The data parsed as a JSON object; a translator calls this on every event but {@code [DONE]}. */
    public ObjectNode json() {
        try {
            JsonNode node = Json.mapper().readTree(data);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // fall through: not JSON
        }
        throw new TranslationException("stream", "an upstream event's data is not a JSON object");
    }

    /** The event as it goes on the wire, ending with the blank line. */
    public String toWire() {
        StringBuilder sb = new StringBuilder();
        if (event != null) {
            sb.append("event: ").append(event).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            sb.append("data: ").append(line).append('\n');
        }
        return sb.append('\n').toString();
    }

    public byte[] toWireBytes() {
        return toWire().getBytes(StandardCharsets.UTF_8);
    }

    static String write(JsonNode json) {
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
