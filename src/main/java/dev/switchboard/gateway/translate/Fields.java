package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.Iterator;
import java.util.Map;

/** Small JSON-tree helpers the mappings share. */
final class Fields {
    private Fields() {
    }

    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    static ArrayNode array() {
        return Json.mapper().createArrayNode();
    }

    static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    /** A string field, or {@code null} when absent or null; a non-string value is a translation error. */
    static String string(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new TranslationException(path, "must be a string");
        }
        return v.asText();
    }

    static String requireString(JsonNode node, String field, String path) {
        String s = string(node, field, path);
        if (s == null) {
            throw new TranslationException(path, "is required");
        }
        return s;
    }

    static ArrayNode requireArray(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new TranslationException(path, v == null || v.isNull() ? "is required" : "must be an array");
        }
        return (ArrayNode) v;
    }

    static ObjectNode requireObject(JsonNode node, String path) {
        if (!(node instanceof ObjectNode o)) {
            throw new TranslationException(path, "must be an object");
        }
        return o;
    }

    /** Copies {@code from.field} to {@code to.toField} when present (nulls are not copied). */
    static void copy(JsonNode from, String field, ObjectNode to, String toField) {
        if (present(from, field)) {
            to.set(toField, from.get(field).deepCopy());
        }
    }

    static void copy(JsonNode from, String field, ObjectNode to) {
        copy(from, field, to, field);
    }

    static String write(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tool-call arguments (a JSON text) as the object Messages' {@code tool_use.input} needs; blank means {@code {}}. */
    static ObjectNode parseArguments(String arguments, String path) {
        if (arguments == null || arguments.isBlank()) {
            return object();
        }
        try {
            JsonNode node = Json.mapper().readTree(arguments);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new TranslationException(path, "tool-call arguments are not a JSON object");
    }

    static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        return () -> {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            return it;
        };
    }

    static long longOr(JsonNode node, String field, long fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.asLong() : fallback;
    }
}
