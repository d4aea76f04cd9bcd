package dev.switchboard.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a control-plane body as API.md describes it: which fields exist, their JSON types and
 * lengths, which are required and which may be null. A body that breaks it must be refused; one that
 * keeps it may still be refused for a rule beyond shape (a URL, a reference, a duplicate).
 */
public sealed interface BodySchema {

    /** What breaks the schema, or null when {@code value} keeps it. */
    String violation(JsonNode value, String path);

    static Str str(int min, int max) {
        return new Str(min, max);
    }

    static Arr arr(BodySchema item) {
        return new Arr(item);
    }

    static Obj obj() {
        return new Obj(new LinkedHashMap<>());
    }

    BodySchema ANY = (Any) (v, p) -> null;
    BodySchema POSITIVE_WHOLE = new PositiveWhole();
    /** A field that exists (so not "unknown") but may never be sent here, like a PATCH's {@code value}. */
    BodySchema FORBIDDEN = new Forbidden();

    record Str(int min, int max) implements BodySchema {
        @Override
        public String violation(JsonNode v, String path) {
            if (!v.isTextual()) {
                return path + " is not a string";
            }
            int n = v.textValue().length();
            return n < min || n > max ? path + " has " + n + " characters, not " + min + ".." + max : null;
        }
    }

    record Arr(BodySchema item) implements BodySchema {
        @Override
        public String violation(JsonNode v, String path) {
            if (!v.isArray()) {
                return path + " is not a list";
            }
            for (int i = 0; i < v.size(); i++) {
                String bad = item.violation(v.get(i), path + "[" + i + "]");
                if (bad != null) {
                    return bad;
                }
            }
            return null;
        }
    }

    record PositiveWhole() implements BodySchema {
        @Override
        public String violation(JsonNode v, String path) {
            return v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 1 ? null
                    : path + " is not a whole number >= 1";
        }
    }

    record Forbidden() implements BodySchema {
        @Override
        public String violation(JsonNode v, String path) {
            return path + " may not be sent here";
        }
    }

    non-sealed interface Any extends BodySchema {
    }

    /** A field of an object: its schema, whether it must be there, whether null is allowed. */
    record Field(BodySchema schema, boolean required, boolean nullable) {
    }

    record Obj(Map<String, Field> fields) implements BodySchema {
        /** A field that may be left out and may be null. */
        public Obj opt(String name, BodySchema s) {
            fields.put(name, new Field(s, false, true));
            return this;
        }

        /** A field that may be left out but, when present, must not be null. */
        public Obj optNotNull(String name, BodySchema s) {
            fields.put(name, new Field(s, false, false));
            return this;
        }

        public Obj req(String name, BodySchema s) {
            fields.put(name, new Field(s, true, false));
            return this;
        }

        @Override
        public String violation(JsonNode v, String path) {
            if (!v.isObject()) {
                return (path.isEmpty() ? "the body" : path) + " is not an object";
            }
            Iterator<String> names = v.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!fields.containsKey(name)) {
                    return "unknown field " + join(path, name);
                }
            }
            for (Map.Entry<String, Field> e : fields.entrySet()) {
                JsonNode f = v.get(e.getKey());
                String p = join(path, e.getKey());
                if (f == null) {
                    if (e.getValue().required()) {
                        return p + " is missing";
                    }
                    continue;
                }
                if (f.isNull()) {
                    if (!e.getValue().nullable()) {
                        return p + " is null";
                    }
                    continue;
                }
                String bad = e.getValue().schema().violation(f, p);
                if (bad != null) {
                    return bad;
                }
            }
            return null;
        }

        private static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}
