package dev.switchboard.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON object from a request body, read field by field so that "left out" and
 * {@code null} stay apart (PATCH) and every failure names its field by path
 * ({@code router.rules[0].steps[1].keys[0].id}).
 */
final class JsonFields {
    private final ObjectNode node;
    private final String path;

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Wraps {@code value} (which must be an object) and rejects fields outside {@code allowed}. */
    static JsonFields of(JsonNode value, String path, Set<String> allowed) {
        if (value == null || !value.isObject()) {
            if (path.isEmpty()) {
                throw ApiException.badRequest("The request body must be a JSON object.");
            }
            throw ApiException.invalid(path, path + " must be a JSON object.");
        }
        Iterator<String> names = value.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.unknownField(join(path, name));
            }
        }
        return new JsonFields((ObjectNode) value, path);
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    String pathOf(String name) {
        return join(path, name);
    }

    /** Present in the body, null or not. */
    boolean has(String name) {
        return node.has(name);
    }

    boolean isNull(String name) {
        return node.has(name) && node.get(name).isNull();
    }

    JsonNode raw(String name) {
        return node.get(name);
    }

    /** The string value; null when left out or null. Throws when it is another type. */
    String string(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(pathOf(name), "The " + pathOf(name) + " field must be a string.");
        }
        return v.textValue();
    }

    /** A string of 1..max characters that must be present and non-null. */
    String requiredString(String name, int max) {
        String v = string(name);
        if (v == null) {
            throw ApiException.required(pathOf(name));
        }
        if (v.isEmpty()) {
            throw ApiException.invalid(pathOf(name), "The " + pathOf(name) + " field must not be empty.");
        }
        return checkLength(name, v, max);
    }

    /** A string of at most max characters, or null. */
    String optionalString(String name, int max) {
        String v = string(name);
        return v == null ? null : checkLength(name, v, max);
    }

    private String checkLength(String name, String v, int max) {
        if (v.length() > max) {
            throw ApiException.invalid(pathOf(name), "The " + pathOf(name) + " field must be at most " + max
                    + " characters long (it has " + v.length() + ").");
        }
        return v;
    }

    /** A non-negative whole number, or null. */
    Long optionalPositiveLong(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
            throw ApiException.invalid(pathOf(name), "The " + pathOf(name)
                    + " field must be a whole number of at least 1, or null for no limit.");
        }
        return v.longValue();
    }

    /** The elements of an array field (empty when left out or null); throws when it is not an array. */
    List<JsonNode> array(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ApiException.invalid(pathOf(name), "The " + pathOf(name) + " field must be a list.");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** A nested object, with its own allowed fields; null when left out or null. */
    JsonFields object(String name, Set<String> allowed) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return of(v, pathOf(name), allowed);
    }
}
