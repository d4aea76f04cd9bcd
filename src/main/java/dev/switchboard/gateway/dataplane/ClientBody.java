package dev.switchboard.gateway.dataplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.JsonText;
import dev.switchboard.gateway.route.DataPlaneError;
import dev.switchboard.gateway.upstream.Surface;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A data-plane request body as the client sent it, read once: by a {@link BodyScan} when it is a plain good
 * request (the usual case; its bytes are then relayed to a same-surface provider with only the model spliced
 * in), else as a JSON tree, which refuses a bad body with the error saying why. A translation to another
 * surface works on the tree, read from the bytes when first needed.
 */
final class ClientBody {
    /**
     * A field named twice is refused: which copy counts must never depend on whose parser reads it. A second
     * value after the object makes the body not JSON.
     */
    private static final ObjectReader BODY_READER = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final byte[] bytes;
    private final BodyScan scan;
    private ObjectNode tree;
    private final List<String> requested;
    private final boolean stream;

    private ClientBody(byte[] bytes, BodyScan scan, ObjectNode tree, List<String> requested, boolean stream) {
        this.bytes = bytes;
        this.scan = scan;
        this.tree = tree;
        this.requested = requested;
        this.stream = stream;
    }

    /** Reads a body, or throws the 400 that says what is wrong with it. */
    static ClientBody read(byte[] bytes) {
        int notUtf8 = JsonText.invalidUtf8At(bytes, 0, bytes.length);
        if (notUtf8 >= 0) {
            throw DataPlaneError.badRequest("The request body is not UTF-8 (byte " + notUtf8 + " starts no valid UTF-8"
                    + " sequence). Send the JSON encoded as UTF-8.");
        }
        BodyScan scan = BodyScan.scan(bytes);
        if (scan != null) {
            return new ClientBody(bytes, scan, null, scan.requested, scan.stream);
        }
        ObjectNode body = parseTree(bytes);
        List<String> requested = requestedModels(body);
        return new ClientBody(bytes, null, body, requested, false);
    }

    String model() {
        return requested.get(0);
    }

    /** {@code model} then the {@code models} fallbacks. */
    List<String> requested() {
        return requested;
    }

    /** Whether the client asks for a stream; throws the 400 for a {@code stream} that is no boolean. */
    boolean stream() {
        if (scan != null) {
            return stream;
        }
        JsonNode streamField = tree.get("stream");
        if (streamField != null && !streamField.isNull() && !streamField.isBoolean()) {
            throw DataPlaneError.badRequest("\"stream\" must be true or false (a JSON boolean), not "
                    + (streamField.isTextual() ? "a string" : "a " + streamField.getNodeType().name().toLowerCase(
                    Locale.ROOT)) + ".");
        }
        return streamField != null && streamField.asBoolean(false);
    }

    /** Roughly four characters a token, over every string in the request except the model names. */
    long inputTokenEstimate() {
        long chars = scan != null ? scan.textChars : textLength(tree(), true);
        return (chars + 3) / 4;
    }

    /** The body for {@code up} naming {@code model}, capped; {@code adapter} translates it (null: the same surface). */
    byte[] upstreamBytes(dev.switchboard.gateway.upstream.SurfaceAdapter adapter, Surface up, String model,
                         Long maxOutputTokens) {
        if (adapter == null && scan != null) {
            return scan.upstreamBytes(model, up, maxOutputTokens);
        }
        return UpstreamBody.write(tree(), adapter, up, model, maxOutputTokens);
    }

    /** The body as a tree without its {@code models} fallbacks (they are the gateway's, not the provider's). */
    synchronized ObjectNode tree() {
        if (tree == null) {
            tree = parseTree(bytes);
            tree.remove("models");
        }
        return tree;
    }

    /** Case folding as lenient JSON readers do it ({@code ſ} is an {@code s}, the Kelvin sign a {@code k}). */
    static String fold(String name) {
        return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static ObjectNode parseTree(byte[] bytes) {
        JsonNode tree;
        try {
            tree = BODY_READER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // Jackson's own words, without the name of its settings class
            throw DataPlaneError.badRequest("The request body is JSON the gateway does not read: "
                    + e.getOriginalMessage().replaceAll(", from `[^`]*`", "") + ". Send shorter strings (split a long"
                    + " text over several messages) or less deeply nested values.");
        } catch (Exception e) {
            String duplicate = e instanceof JsonProcessingException j && j.getOriginalMessage() != null
                    && j.getOriginalMessage().startsWith("Duplicate field") ? " (" + j.getOriginalMessage() + ")" : "";
            throw DataPlaneError.badRequest("The request body is not valid JSON" + duplicate + ". Send a JSON object"
                    + " such as {\"model\": \"my-provider:model-id\", ...}.");
        }
        if (!(tree instanceof ObjectNode body)) {
            throw DataPlaneError.badRequest("The request body must be a JSON object with a \"model\" field.");
        }
        String notUnicode = JsonText.loneSurrogateAt(body);
        if (notUnicode != null) {
            throw DataPlaneError.badRequest("The string at '" + notUnicode + "' in the request body is not valid"
                    + " Unicode (a lone UTF-16 surrogate such as \\ud800).");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String folded = fold(name);
            // Some model servers match JSON names ignoring case (Go's encoding/json does): a "Model" passed
            // through would be the model they run, unchecked by the allowlist.
            if ((folded.equals("model") || folded.equals("models")) && !name.equals(folded)) {
                throw DataPlaneError.badRequest("The body has a field \"" + name + "\"; the model goes in \"model\""
                        + " (and fallbacks in \"models\"), spelled in lower case, and nowhere else.");
            }
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual()) {
            throw DataPlaneError.badRequest("\"model\" must be a string such as \"my-provider:model-id\".");
        }
        return body;
    }

    /** {@code model} then the {@code models} fallbacks, which are taken out of the body. */
    private static List<String> requestedModels(ObjectNode body) {
        List<String> out = new ArrayList<>();
        out.add(body.get("model").asText());
        JsonNode fallbacks = body.remove("models");
        if (fallbacks != null && !fallbacks.isNull()) {
            if (!fallbacks.isArray()) {
                throw DataPlaneError.badRequest("\"models\" must be a list of strings (fallback models, tried in order).");
            }
            for (JsonNode n : fallbacks) {
                if (!n.isTextual()) {
                    throw DataPlaneError.badRequest("\"models\" must be a list of strings (fallback models, tried in order).");
                }
                out.add(n.asText());
            }
        }
        return out;
    }

    private static long textLength(JsonNode n, boolean top) {
        if (n.isTextual()) {
            return n.asText().length();
        }
        long sum = 0;
        if (top) {
            Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getKey().equals("model")) {
                    sum += textLength(f.getValue(), false);
                }
            }
        } else if (n.isContainerNode()) {
            for (JsonNode child : n) {
                sum += textLength(child, false);
            }
        }
        return sum;
    }
}
