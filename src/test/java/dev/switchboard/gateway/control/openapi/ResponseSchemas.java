package dev.switchboard.gateway.control.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The hosted API's response schemas (transcribed from ngrok's OpenAPI file into
 * {@code openapi/ai-gateway-responses.json}) and a validator for the part of OpenAPI 3.0 they use:
 * {@code type}, {@code required}, {@code nullable}, {@code additionalProperties} (false or a schema),
 * {@code enum}, {@code format: date-time}, {@code $ref} and a one-element {@code allOf}.
 */
final class ResponseSchemas {
    private final JsonNode schemas;

    private ResponseSchemas(JsonNode schemas) {
        this.schemas = schemas;
    }

    static ResponseSchemas load() {
        try (InputStream in = ResponseSchemas.class.getResourceAsStream("/openapi/ai-gateway-responses.json")) {
            return new ResponseSchemas(Json.mapper().readTree(in).get("schemas"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every way {@code value} breaks schema {@code name}, as "pointer: what"; empty when it conforms. */
    List<String> violations(String name, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(named(name), value, "", out);
        return out;
    }

    private JsonNode named(String name) {
        JsonNode s = schemas.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no schema " + name);
        }
        return s;
    }

    private void check(JsonNode schema, JsonNode v, String at, List<String> out) {
        if (schema.has("$ref")) {
            check(named(schema.get("$ref").asText()), v, at, out);
            return;
        }
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                check(part, v, at, out);
            }
        }
        if (v.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                out.add(at + ": null, but the schema does not allow null (leave the field out)");
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> object(schema, v, at, out);
            case "array" -> {
                if (!v.isArray()) {
                    out.add(at + ": expected an array, got " + v.getNodeType());
                    return;
                }
                for (int i = 0; i < v.size(); i++) {
                    check(schema.get("items"), v.get(i), at + "/" + i, out);
                }
            }
            case "string" -> {
                if (!v.isTextual()) {
                    out.add(at + ": expected a string, got " + v.getNodeType() + " " + v);
                    return;
                }
                if ("date-time".equals(schema.path("format").asText())) {
                    try {
                        OffsetDateTime.parse(v.textValue());
                    } catch (DateTimeParseException e) {
                        out.add(at + ": '" + v.textValue() + "' is not an RFC 3339 date-time");
                    }
                }
            }
            case "integer" -> {
                if (!v.isIntegralNumber()) {
                    out.add(at + ": expected an integer, got " + v.getNodeType() + " " + v);
                }
            }
            case "boolean" -> {
                if (!v.isBoolean()) {
                    out.add(at + ": expected a boolean, got " + v.getNodeType() + " " + v);
                }
            }
            default -> {
                // no type: only the allOf/$ref above constrain it
            }
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode e : schema.get("enum")) {
                listed |= e.equals(v);
            }
            if (!listed) {
                out.add(at + ": " + v + " is not one of " + schema.get("enum"));
            }
        }
    }

    private void object(JsonNode schema, JsonNode v, String at, List<String> out) {
        if (!v.isObject()) {
            out.add(at + ": expected an object, got " + v.getNodeType());
            return;
        }
        for (JsonNode r : schema.path("required")) {
            if (!v.has(r.asText())) {
                out.add(at + ": required field '" + r.asText() + "' is missing");
            }
        }
        JsonNode props = schema.path("properties");
        JsonNode extra = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String path = at + "/" + f.getKey();
            if (props.has(f.getKey())) {
                check(props.get(f.getKey()), f.getValue(), path, out);
            } else if (extra != null && extra.isObject()) {
                check(extra, f.getValue(), path, out);
            } else if (extra != null && !extra.asBoolean(true)) {
                out.add(path + ": the schema allows no field '" + f.getKey() + "' (additionalProperties: false)");
            }
        }
    }
}
