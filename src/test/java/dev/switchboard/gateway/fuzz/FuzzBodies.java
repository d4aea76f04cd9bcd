package dev.switchboard.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.switchboard.api.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * A seeded generator of request bodies for one endpoint. Most bodies are mutations of valid ones (so
 * they get past the JSON parser and into validation): fields removed, retyped, renamed, nested, grown,
 * swapped with parts of other valid bodies; the rest are damaged bytes (truncated, invalid UTF-8, NUL,
 * duplicate keys, trailing garbage) or not a JSON object at all (empty, scalars, 10,000 nested arrays,
 * huge numbers and strings). The same case seed always gives the same body.
 */
public final class FuzzBodies {
    /** The control plane's body limit; a few bodies are made to land just under or over it. */
    public static final int LIMIT = 1024 * 1024;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A field name with this prefix is written without it, next to the field it copies: a duplicate key. */
    private static final String DUPLICATE_MARK = "\u0001dup\u0001";
    private static final String DUPLICATE_MARK_JSON = "\\u0001dup\\u0001";

    /** A generated body and how it was made (for the failure report). */
    public record Body(byte[] bytes, String recipe, boolean unmutated) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final LongFunction<ObjectNode> validBody;
    private final List<String> fieldNames;
    private final List<JsonNode> donors;

    /**
     * @param validBody a valid body for the endpoint, fresh per call (unique names where the endpoint needs them)
     * @param fieldNames field names the endpoint (or a neighbour) knows, used as extra or misplaced fields
     * @param donors valid values from elsewhere, grafted in so that wrong but well-formed shapes reach validation
     */
    public FuzzBodies(LongFunction<ObjectNode> validBody, List<String> fieldNames, List<JsonNode> donors) {
        this.validBody = validBody;
        this.fieldNames = List.copyOf(fieldNames);
        this.donors = List.copyOf(donors);
    }

    public Body generate(long caseSeed) {
        Random r = new Random(caseSeed);
        int pick = r.nextInt(100);
        ObjectNode valid = validBody.apply(caseSeed);
        if (pick < 6) {
            return new Body(bytes(valid), "valid body", true);
        }
        if (pick < 72) {
            StringBuilder recipe = new StringBuilder();
            int n = 1 + (r.nextInt(4) == 0 ? r.nextInt(4) : 0);
            for (int i = 0; i < n; i++) {
                recipe.append(i == 0 ? "" : ", ").append(mutateTree(valid, r));
            }
            byte[] b = bytes(valid);
            if (r.nextInt(12) == 0) {
                return damage(b, r, recipe + " then ");
            }
            return new Body(b, recipe.toString(), false);
        }
        if (pick < 88) {
            return damage(bytes(valid), r, "");
        }
        return junk(r, valid);
    }

    // ---- mutations of the tree ----

    /** One change at a random place in the tree; says what it did. */
    private String mutateTree(ObjectNode root, Random r) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "$", slots);
        Slot s = slots.get(r.nextInt(slots.size()));
        int op = r.nextInt(100);
        if (s.key == null && s.index < 0) {
            // the root itself: only add fields or duplicate one
            op = r.nextBoolean() ? 15 : 95;
        }
        if (op < 12) {
            if (s.key == null && s.index < 0) {
                return "nothing";
            }
            s.remove();
            return "removed " + s.path;
        }
        if (op < 24) {
            ObjectNode target = s.value instanceof ObjectNode o ? o : s.parentObject();
            if (target == null) {
                target = root;
            }
            String name = r.nextInt(3) == 0 ? randomName(r) : fieldNames.get(r.nextInt(fieldNames.size()));
            JsonNode v = randomValue(r, 0);
            target.set(name, v);
            return "extra field '" + shorten(name) + "' = " + describe(v);
        }
        if (op < 48) {
            JsonNode v = randomValue(r, 0);
            s.set(v);
            return s.path + " = " + describe(v);
        }
        if (op < 62 && s.value.isTextual()) {
            JsonNode v = NODES.textNode(tweakString(s.value.textValue(), r));
            s.set(v);
            return s.path + " string tweaked to " + describe(v);
        }
        if (op < 70) {
            JsonNode v = donors.get(r.nextInt(donors.size())).deepCopy();
            s.set(v);
            return s.path + " = donor " + describe(v);
        }
        if (op < 76) {
            if (r.nextBoolean()) {
                ArrayNode a = NODES.arrayNode();
                a.add(s.value.deepCopy());
                s.set(a);
                return s.path + " wrapped in a list";
            }
            ObjectNode o = NODES.objectNode();
            o.set(r.nextBoolean() ? "value" : fieldNames.get(r.nextInt(fieldNames.size())), s.value.deepCopy());
            s.set(o);
            return s.path + " wrapped in an object";
        }
        if (op < 82) {
            int depth = r.nextInt(5) == 0 ? 900 + r.nextInt(300) : 2 + r.nextInt(60);
            s.set(nested(depth, r.nextBoolean(), s.value));
            return s.path + " nested " + depth + " deep";
        }
        if (op < 88 && s.value instanceof ArrayNode a) {
            JsonNode item = a.isEmpty() ? randomValue(r, 1) : a.get(r.nextInt(a.size()));
            // many copies of a small item, few of a big one: at most about 200 KB
            int size = bytes(item).length;
            int copies = r.nextInt(4) != 0 ? 1 + r.nextInt(5) : Math.max(1, Math.min(10_000, 200_000 / size));
            for (int i = 0; i < copies; i++) {
                a.add(item.deepCopy());
            }
            return s.path + " grown by " + copies + " copies";
        }
        if (op < 92) {
            s.set(NODES.nullNode());
            return s.path + " = null";
        }
        // a duplicate key, written at serialization time
        ObjectNode target = s.value instanceof ObjectNode o && o.size() > 0 ? o : root;
        if (target.size() == 0) {
            target.put("name", "x");
        }
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.get(r.nextInt(names.size()));
        target.set(DUPLICATE_MARK + name, r.nextBoolean() ? target.get(name).deepCopy() : randomValue(r, 1));
        return "duplicate key '" + name + "'";
    }

    private record Slot(String path, JsonNode parent, String key, int index, JsonNode value) {
        void set(JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(key, v);
            } else if (parent instanceof ArrayNode a) {
                a.set(index, v);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(key);
            } else if (parent instanceof ArrayNode a) {
                a.remove(index);
            }
        }

        ObjectNode parentObject() {
            return parent instanceof ObjectNode o ? o : null;
        }
    }

    private static void collect(JsonNode node, String path, List<Slot> out) {
        if (out.isEmpty()) {
            out.add(new Slot(path, null, null, -1, node));
        }
        if (node instanceof ObjectNode o) {
            Iterator<String> names = o.fieldNames();
            List<String> copy = new ArrayList<>();
            names.forEachRemaining(copy::add);
            for (String name : copy) {
                JsonNode child = o.get(name);
                String p = path + "." + name;
                out.add(new Slot(p, o, name, -1, child));
                collect(child, p, out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size() && i < 50; i++) {
                String p = path + "[" + i + "]";
                out.add(new Slot(p, a, null, i, a.get(i)));
                collect(a.get(i), p, out);
            }
        }
    }

    private JsonNode randomValue(Random r, int depth) {
        int t = r.nextInt(depth > 2 ? 16 : 20);
        return switch (t) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.numberNode(r.nextInt(2001) - 1000);
            case 3 -> NODES.numberNode(pick(r, 0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE + 1L));
            case 4 -> NODES.rawValueNode(new RawValue(pick(r, "1e400", "-1e400", "1E-400", "-0", "0.0", "1.5e308",
                    "9223372036854775808", "-9223372036854775809", "4.9e-324", "1e1000000", "0.000000001")));
            case 5 -> NODES.rawValueNode(new RawValue(digits(r, pickInt(r, 20, 100, 999, 1000, 1001, 5000))));
            case 6 -> NODES.numberNode(r.nextDouble() * 1000);
            case 7, 8 -> NODES.textNode(tweakString(pick(r, "llama3.2", "my-ollama", "aigp_x", "30s", "http://localhost:1",
                    "openai", "chat-completions", ""), r));
            case 9 -> NODES.textNode(randomString(r, r.nextInt(40)));
            case 10 -> NODES.textNode(fieldNames.get(r.nextInt(fieldNames.size())));
            case 11 -> donors.get(r.nextInt(donors.size())).deepCopy();
            case 12, 13 -> {
                ArrayNode a = NODES.arrayNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(r, depth + 1));
                }
                yield a;
            }
            case 14, 15 -> {
                ObjectNode o = NODES.objectNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    o.set(r.nextBoolean() ? fieldNames.get(r.nextInt(fieldNames.size())) : randomName(r),
                            randomValue(r, depth + 1));
                }
                yield o;
            }
            case 16 -> NODES.textNode(longString(r));
            case 17 -> nested(r.nextInt(3) == 0 ? 995 + r.nextInt(10) : 1 + r.nextInt(100), r.nextBoolean(), null);
            case 18 -> NODES.textNode("\u0000" + randomString(r, 5) + "\u0000");
            default -> NODES.textNode(pick(r, "\ud800", "\udfff", "a\ud83d", "\ud83d\ude00", "\u202e\u200b", "\ufeff",
                    "\uffff", "x\u0000y", "\r\n", "\t"));
        };
    }

    private static JsonNode nested(int depth, boolean arrays, JsonNode core) {
        if (depth > 200) {
            // as raw text: Jackson refuses to write a tree over 1,000 levels deep, and the point is to send one
            String inner = core == null ? "1" : new String(bytes(core), StandardCharsets.UTF_8);
            String raw = arrays ? "[".repeat(depth) + inner + "]".repeat(depth)
                    : "{\"a\":".repeat(depth) + inner + "}".repeat(depth);
            return NODES.rawValueNode(new RawValue(raw));
        }
        JsonNode v = core == null ? NODES.numberNode(1) : core.deepCopy();
        for (int i = 0; i < depth; i++) {
            if (arrays) {
                ArrayNode a = NODES.arrayNode();
                a.add(v);
                v = a;
            } else {
                ObjectNode o = NODES.objectNode();
                o.set("a", v);
                v = o;
            }
        }
        return v;
    }

    private String tweakString(String s, Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> "";
            case 1 -> " " + s + " ";
            case 2 -> s.toUpperCase(java.util.Locale.ROOT);
            case 3 -> s + ":" + s;
            case 4 -> ":" + s;
            case 5 -> s + "\u0000";
            case 6 -> s + "\ud800";
            case 7 -> s.replace('a', '\u0430'); // Cyrillic look-alike
            case 8 -> s + "\r\nX-Injected: 1";
            case 9 -> s.repeat(1 + r.nextInt(Math.max(1, 4000 / Math.max(1, s.length()))));
            case 10 -> longString(r);
            case 11 -> s + "/../../" + s;
            case 12 -> "%00" + s + "%2F";
            case 13 -> s.isEmpty() ? "\u00e9" : s.substring(0, r.nextInt(s.length()));
            case 14 -> s + "\ud83d\ude00\u0301";
            default -> randomString(r, 1 + r.nextInt(300));
        };
    }

    /** Usually a few KB; now and then just under or over the 1 MiB limit (kept rare so the run stays fast). */
    private static String longString(Random r) {
        int n = r.nextInt(200) == 0 ? LIMIT - 200 + r.nextInt(400) : 256 + r.nextInt(r.nextInt(5) == 0 ? 20_000 : 2000);
        char c = (char) ('a' + r.nextInt(26));
        return String.valueOf(c).repeat(n);
    }

    private static String randomString(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            if (kind < 6) {
                sb.append((char) (0x20 + r.nextInt(0x5f)));
            } else if (kind < 8) {
                sb.append((char) r.nextInt(0x20));
            } else {
                sb.append((char) (0x80 + r.nextInt(0xff00)));
            }
        }
        return sb.toString();
    }

    private String randomName(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "";
            case 1 -> "__proto__";
            case 2 -> fieldNames.get(r.nextInt(fieldNames.size())).toUpperCase(java.util.Locale.ROOT);
            case 3 -> " " + fieldNames.get(r.nextInt(fieldNames.size()));
            case 4 -> randomString(r, 1 + r.nextInt(12));
            default -> "x-" + Integer.toHexString(r.nextInt());
        };
    }

    // ---- damaged bytes ----

    private Body damage(byte[] b, Random r, String prefix) {
        int op = r.nextInt(11);
        String what;
        byte[] out;
        switch (op) {
            case 0 -> {
                int at = r.nextInt(Math.max(1, b.length));
                out = slice(b, 0, at);
                what = "truncated at byte " + at + " of " + b.length;
            }
            case 1 -> {
                byte[] bad = pick(r, new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28},
                        new byte[] {(byte) 0xc0, (byte) 0x80}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0x80},
                        new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
                int at = insideString(b, r);
                out = insert(b, at, bad);
                what = "invalid UTF-8 " + hex(bad) + " at byte " + at;
            }
            case 2 -> {
                int at = insideString(b, r);
                out = insert(b, at, new byte[] {0});
                what = "raw NUL at byte " + at;
            }
            case 3 -> {
                out = b.clone();
                int flips = 1 + r.nextInt(4);
                for (int i = 0; i < flips && out.length > 0; i++) {
                    out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                }
                what = flips + " random bytes";
            }
            case 4 -> {
                out = concat(b, pick(r, "}", "]", " x", ",", "{}", " {\"model\":\"x\"}", "\u0000", "/* c */", " null")
                        .getBytes(StandardCharsets.UTF_8));
                what = "trailing garbage";
            }
            case 5 -> {
                out = concat(pick(r, "\ufeff", "\u0000", " \n\t ", "//c\n", "[", ")]}'\n").getBytes(StandardCharsets.UTF_8), b);
                what = "leading bytes";
            }
            case 6 -> {
                String s = new String(b, StandardCharsets.UTF_8);
                String[] swaps = {"\":", "\" :", "\",", "\" ,", ":", "=", "true", "True", "null", "NaN", "\"", "'"};
                int i = r.nextInt(swaps.length / 2) * 2;
                out = s.replaceFirst(java.util.regex.Pattern.quote(swaps[i]), java.util.regex.Matcher.quoteReplacement(
                        swaps[i + 1])).getBytes(StandardCharsets.UTF_8);
                what = "token '" + swaps[i] + "' -> '" + swaps[i + 1] + "'";
            }
            case 7 -> {
                java.nio.charset.Charset cs = pick(r, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                        StandardCharsets.UTF_16, StandardCharsets.ISO_8859_1, java.nio.charset.Charset.forName("UTF-32"));
                out = new String(b, StandardCharsets.UTF_8).getBytes(cs);
                what = "re-encoded as " + cs.name();
            }
            case 8 -> {
                int at = r.nextInt(b.length + 1);
                out = insert(b, at, ("\\u" + pick(r, "d800", "DFFF", "0000", "zzzz", "12", "001f")).getBytes(StandardCharsets.UTF_8));
                what = "escape inserted at byte " + at;
            }
            case 9 -> {
                String s = new String(b, StandardCharsets.UTF_8);
                out = s.replaceAll(",\"", ",\n\"").replaceFirst("}$", ",}").getBytes(StandardCharsets.UTF_8);
                what = "trailing comma";
            }
            default -> {
                out = slice(b, 0, Math.max(0, b.length - 1 - r.nextInt(3)));
                what = "last bytes cut";
            }
        }
        return new Body(out, prefix + what, false);
    }

    /** A position just after an opening quote, so the bad byte lands inside a string (or a name). */
    private static int insideString(byte[] b, Random r) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '"') {
                quotes.add(i + 1);
            }
        }
        return quotes.isEmpty() ? r.nextInt(b.length + 1) : quotes.get(r.nextInt(quotes.size()));
    }

    // ---- not an object ----

    private Body junk(Random r, ObjectNode valid) {
        int op = r.nextInt(14);
        return switch (op) {
            case 0 -> new Body(new byte[0], "empty body", false);
            case 1 -> text(pick(r, " ", "\n", "\r\n\t  ", "\u00a0"), "whitespace only");
            case 2 -> text(pick(r, "null", "true", "false", "0", "-1", "\"text\"", "\"\"", "[]", "[{}]", "{}", "[null]",
                    "1e400", "-0.0", "\"{}\""), "not an object");
            case 3 -> text("[".repeat(10_000) + "]".repeat(10_000), "10,000 nested arrays");
            case 4 -> text("{\"a\":".repeat(r.nextBoolean() ? 10_000 : 1001) + "1" + "}".repeat(10_000), "deeply nested objects");
            case 5 -> text("[".repeat(5000 + r.nextInt(5000)), "unclosed nested arrays");
            case 6 -> text(digits(r, pickInt(r, 100, 1000, 1001, 10_000)), "a huge number");
            case 7 -> text("{\"" + (r.nextBoolean() ? "name" : fieldNames.get(r.nextInt(fieldNames.size()))) + "\":"
                    + digits(r, pickInt(r, 100, 999, 1001, 20_000)) + "}", "an object with a huge number");
            case 8 -> {
                int n = r.nextInt(8) == 0 ? LIMIT - 50 + r.nextInt(100) : 1000 + r.nextInt(20_000);
                yield text("\"" + "x".repeat(n) + "\"", "a string of " + n + " characters");
            }
            case 9 -> {
                byte[] b = new byte[r.nextInt(64)];
                r.nextBytes(b);
                yield new Body(b, "random bytes", false);
            }
            case 10 -> text("[" + new String(bytes(valid), StandardCharsets.UTF_8) + "]", "the valid body inside a list");
            case 11 -> text("{" + "\"k\":1,".repeat(5_000) + "\"k\":2}", "5,001 duplicate keys");
            case 12 -> {
                StringBuilder sb = new StringBuilder("{");
                int n = 500 + r.nextInt(5_000);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
                }
                yield text(sb.append('}').toString(), n + " unknown fields");
            }
            default -> text("{\"\u0000\":\"\u0000\",\"\":null}", "NUL and empty names");
        };
    }

    private static Body text(String s, String recipe) {
        return new Body(s.getBytes(StandardCharsets.UTF_8), recipe, false);
    }

    // ---- bytes ----

    static byte[] bytes(JsonNode node) {
        try {
            byte[] b = Json.mapper().writeValueAsBytes(node);
            String s = new String(b, StandardCharsets.UTF_8);
            if (!s.contains(DUPLICATE_MARK_JSON)) {
                return b;
            }
            return s.replace(DUPLICATE_MARK_JSON, "").getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        sb.append((char) ('1' + r.nextInt(9)));
        for (int i = 1; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
        out.write(b, 0, at);
        out.write(what, 0, what.length);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return insert(a, a.length, b);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    static String describe(JsonNode v) {
        String s = v.toString();
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shorten(s);
    }

    public static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "...(" + s.length() + " chars)" : s;
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static int pickInt(Random r, int... options) {
        return options[r.nextInt(options.length)];
    }
}
