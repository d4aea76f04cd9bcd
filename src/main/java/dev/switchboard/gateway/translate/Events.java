package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.upstream.SseEvent;

/** Server-sent events as JSON: reading an upstream event's data, writing a client event's. */
final class Events {
    /** The Chat Completions end marker, {@code data: [DONE]}. */
    static final SseEvent DONE = SseEvent.data("[DONE]");

    private Events() {
    }

    static SseEvent data(JsonNode json) {
        return SseEvent.data(Fields.write(json));
    }

    static SseEvent named(String event, JsonNode json) {
        return SseEvent.named(event, Fields.write(json));
    }

    static boolean isDone(SseEvent e) {
        return e.data() != null && e.data().trim().equals("[DONE]");
    }

    static boolean isBlank(SseEvent e) {
        return e.data() == null || e.data().isBlank();
    }

    /** The event's data as a JSON object; an upstream event that is not one cannot be translated. */
    static ObjectNode json(SseEvent e) {
        try {
            JsonNode node = Json.mapper().readTree(e.data());
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException ex) {
            // reported below
        }
        throw new TranslationException("stream", "an upstream event's data is not a JSON object");
    }
}
