package dev.switchboard.gateway.dataplane;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;

/**
 * Picks token counts out of answers, for the usage log: {@code usage} at the top level (Chat,
 * Messages), under {@code response} (Responses stream events) or {@code message} (Messages'
 * {@code message_start}). Stream events are only parsed when they mention usage.
 */
final class UsageScanner {
    long inputTokens = -1;
    long outputTokens = -1;
    String stopReason;

    void scanJson(byte[] body, int length) {
        try {
            scan(Json.mapper().readTree(body, 0, length));
        } catch (Exception ignored) {
            // Not JSON: no usage to record.
        }
    }

    /**
     * Whether {@code bytes} hold one JSON object (what follows it is not read, as a tree reading would not),
     * taking its usage as {@link #scan} would, without building the tree: only the members {@code scan}
     * looks at are read as trees, and of {@code choices} only the first one's {@code finish_reason}.
     */
    boolean scanObject(byte[] bytes, int offset, int length) {
        try (JsonParser p = Json.mapper().createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            ObjectNode kept = JsonNodeFactory.instance.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "usage", "response", "delta", "message", "stop_reason" -> kept.set(name, p.readValueAsTree());
                    case "choices" -> kept.set(name, value == JsonToken.START_ARRAY ? firstChoice(p) : p.readValueAsTree());
                    default -> p.skipChildren();
                }
            }
            scan(kept);
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** A {@code choices} array read past, kept as its first member's {@code finish_reason} alone. */
    private static ArrayNode firstChoice(JsonParser p) throws java.io.IOException {
        ArrayNode choices = JsonNodeFactory.instance.arrayNode();
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode first = choices.addObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("finish_reason")) {
                    first.set(name, p.readValueAsTree());
                } else {
                    p.skipChildren();
                }
            }
            t = p.nextToken();
        }
        while (t != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new java.io.EOFException();
            }
            p.skipChildren();
            t = p.nextToken();
        }
        return choices;
    }

    void scanEvent(String data) {
        if (data.indexOf("\"usage\"") < 0 && !namesAReason(data)) {
            return;
        }
        try {
            scan(Json.mapper().readTree(data));
        } catch (Exception ignored) {
            // A malformed event is relayed as is; it just carries no usage.
        }
    }

    void scan(JsonNode root) {
        if (root == null) {
            return;
        }
        take(root.get("usage"));
        stopReason(root);
        JsonNode response = root.get("response");
        if (response != null) {
            take(response.get("usage"));
            JsonNode reason = response.path("incomplete_details").get("reason");
            if (reason != null && reason.isTextual()) {
                stopReason = reason.textValue();
            } else if (response.path("status").isTextual() && !response.path("status").textValue().equals("in_progress")) {
                stopReason = response.path("status").textValue();
            }
        }
        JsonNode delta = root.get("delta");
        if (delta != null) {
            stopReason(delta);
        }
        JsonNode message = root.get("message");
        if (message != null) {
            take(message.get("usage"));
        }
    }

    /** Cheap pre-check so that only events that end an answer are parsed: a {@code ..._reason} with a string value. */
    static boolean namesAReason(String data) {
        int at = data.indexOf("_reason\"");
        while (at >= 0) {
            int i = at + "_reason\"".length();
            while (i < data.length() && (data.charAt(i) == ':' || Character.isWhitespace(data.charAt(i)))) {
                i++;
            }
            if (i < data.length() && data.charAt(i) == '"') {
                return true;
            }
            at = data.indexOf("_reason\"", i);
        }
        return false;
    }

    /** Chat's {@code choices[0].finish_reason} or Messages' {@code stop_reason}, when set. */
    private void stopReason(JsonNode node) {
        JsonNode reason = node.get("stop_reason");
        if (reason == null || !reason.isTextual()) {
            reason = node.path("choices").path(0).get("finish_reason");
        }
        if (reason != null && reason.isTextual()) {
            stopReason = reason.textValue();
        }
    }

    private void take(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return;
        }
        long in = first(usage, "prompt_tokens", "input_tokens");
        long out = first(usage, "completion_tokens", "output_tokens");
        if (in >= 0) {
            inputTokens = Math.max(inputTokens, in);
        }
        if (out >= 0) {
            outputTokens = Math.max(outputTokens, out);
        }
    }

    private static long first(JsonNode usage, String a, String b) {
        JsonNode n = usage.get(a);
        if (n == null || !n.isNumber()) {
            n = usage.get(b);
        }
        return n != null && n.isNumber() ? n.asLong() : -1;
    }
}
