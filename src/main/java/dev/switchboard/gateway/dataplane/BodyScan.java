package dev.switchboard.gateway.dataplane;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.upstream.Surface;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields the gateway reads from a client's body ({@code model}, {@code models}, {@code stream}, the
 * output caps), found in one pass of a streaming parser, and where they lie in its bytes, so that a request
 * going to a provider of the same surface is the client's own bytes with the model id spliced in, the
 * {@code models} fallbacks cut out and an over-large cap replaced: no tree built, nothing re-serialised.
 * {@link #scan} answers null for any body it does not find plainly good; the tree reading decides those
 * (and words their errors).
 */
final class BodyScan {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    private static final int MAX_STRING = FACTORY.streamReadConstraints().getMaxStringLength();
    private static final List<String> CAP_FIELDS = List.of("max_tokens", "max_completion_tokens", "max_output_tokens");

    /** A top-level output cap: its value's bytes, and the value when it is a number. */
    private record Cap(String field, int start, int end, boolean isNull, BigDecimal number, double floating) {
        boolean atMost(long cap) {
            if (number != null) {
                return number.compareTo(BigDecimal.valueOf(cap)) <= 0;
            }
            return !Double.isNaN(floating) && Double.isFinite(floating) && floating <= cap;
        }
    }

    final String model;
    final List<String> requested;
    final boolean stream;
    /** The length of every string but the model names. */
    final long textChars;
    private final byte[] bytes;
    private final int modelStart;
    private final int modelEnd;
    private final int cutStart;
    private final int cutEnd;
    private final int closingBrace;
    private final List<Cap> caps;

    private BodyScan(byte[] bytes, String model, List<String> requested, boolean stream, long textChars, int modelStart,
                     int modelEnd, int cutStart, int cutEnd, int closingBrace, List<Cap> caps) {
        this.bytes = bytes;
        this.model = model;
        this.requested = requested;
        this.stream = stream;
        this.textChars = textChars;
        this.modelStart = modelStart;
        this.modelEnd = modelEnd;
        this.cutStart = cutStart;
        this.cutEnd = cutEnd;
        this.closingBrace = closingBrace;
        this.caps = caps;
    }

    /**
     * The scan of a UTF-8 body, or null when the body is not a plain good request (not JSON, a field named
     * twice, a "Model", a model that is no string, an escape that may be a lone surrogate, ...).
     */
    static BodyScan scan(byte[] bytes) {
        if (maySpellASurrogate(bytes)) {
            return null;
        }
        String model = null;
        List<String> requested = new ArrayList<>(2);
        List<Cap> caps = new ArrayList<>(2);
        boolean stream = false;
        long text = 0;
        int modelStart = -1;
        int modelEnd = -1;
        int cutStart = -1;
        int cutEnd = -1;
        int previousEnd = -1;
        boolean cutNext = false;
        try (JsonParser p = FACTORY.createParser(bytes)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int nameStart = offset(p.currentTokenLocation().getByteOffset());
                if (cutNext) {
                    cutEnd = nameStart; // "models" came first: cut it up to this member
                    cutNext = false;
                }
                if (foldsToAModelField(name)) {
                    return null;
                }
                JsonToken v = p.nextToken();
                int valueStart = offset(p.currentTokenLocation().getByteOffset());
                switch (name) {
                    case "model" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        model = p.getText();
                        modelStart = valueStart;
                        modelEnd = offset(p.currentLocation().getByteOffset());
                    }
                    case "models" -> {
                        if (v == JsonToken.START_ARRAY) {
                            while ((v = p.nextToken()) == JsonToken.VALUE_STRING) {
                                requested.add(p.getText());
                            }
                            if (v != JsonToken.END_ARRAY) {
                                return null;
                            }
                        } else if (v != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        int end = offset(p.currentLocation().getByteOffset());
                        if (previousEnd >= 0) {
                            cutStart = previousEnd;
                            cutEnd = end;
                        } else {
                            cutStart = nameStart;
                            cutNext = true;
                        }
                    }
                    case "stream" -> {
                        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE && v != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        stream = v == JsonToken.VALUE_TRUE;
                    }
                    default -> {
                        text += textIn(p, v);
                        if (CAP_FIELDS.contains(name)) {
                            int end = offset(p.currentLocation().getByteOffset());
                            caps.add(new Cap(name, valueStart, end, v == JsonToken.VALUE_NULL,
                                    v == JsonToken.VALUE_NUMBER_INT ? p.getDecimalValue() : null,
                                    v == JsonToken.VALUE_NUMBER_FLOAT ? p.getDoubleValue() : Double.NaN));
                        }
                    }
                }
                previousEnd = offset(p.currentLocation().getByteOffset());
            }
            if (t != JsonToken.END_OBJECT || model == null || cutNext) {
                return null;
            }
            int closingBrace = offset(p.currentTokenLocation().getByteOffset());
            if (p.nextToken() != null) {
                return null;
            }
            requested.add(0, model);
            return new BodyScan(bytes, model, List.copyOf(requested), stream, text, modelStart,
                    modelEnd, cutStart, cutEnd, closingBrace, List.copyOf(caps));
        } catch (java.io.IOException | RuntimeException e) {
            return null; // the tree reading words the error
        }
    }

    /** The bytes for a provider of the same surface: {@code model} in place of the client's, fallbacks out, capped. */
    byte[] upstreamBytes(String upstreamModel, Surface surface, Long cap) {
        List<int[]> edits = new ArrayList<>(4); // start, end, index into replacements
        List<byte[]> replacements = new ArrayList<>(4);
        edits.add(new int[] {modelStart, modelEnd, 0});
        replacements.add(quoted(upstreamModel));
        if (cutStart >= 0) {
            edits.add(new int[] {cutStart, cutEnd, replacements.size()});
            replacements.add(new byte[0]);
        }
        if (cap != null) {
            boolean seen = false;
            List<String> fields = surface == Surface.CHAT_COMPLETIONS
                    ? List.of("max_tokens", "max_completion_tokens") : List.of(surface.maxTokensField());
            for (Cap c : caps) {
                if (fields.contains(c.field()) && !c.isNull()) {
                    seen = true;
                    if (!c.atMost(cap)) {
                        edits.add(new int[] {c.start(), c.end(), replacements.size()});
                        replacements.add(Long.toString(cap).getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
            if (!seen) {
                // in place of a null, as the tree's put did, else added at the end
                Cap asNull = caps.stream().filter(c -> c.field().equals(surface.maxTokensField())).findFirst().orElse(null);
                edits.add(asNull != null ? new int[] {asNull.start(), asNull.end(), replacements.size()}
                        : new int[] {closingBrace, closingBrace, replacements.size()});
                replacements.add(((asNull != null ? "" : ",\"" + surface.maxTokensField() + "\":") + cap)
                        .getBytes(StandardCharsets.US_ASCII));
            }
        }
        edits.sort((a, b) -> Integer.compare(a[0], b[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + upstreamModel.length() + 32);
        int at = 0;
        for (int[] e : edits) {
            out.write(bytes, at, e[0] - at);
            byte[] r = replacements.get(e[2]);
            out.write(r, 0, r.length);
            at = e[1];
        }
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private static byte[] quoted(String s) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(s);
        byte[] out = new byte[escaped.length + 2];
        out[0] = '"';
        System.arraycopy(escaped, 0, out, 1, escaped.length);
        out[out.length - 1] = '"';
        return out;
    }

    /** A name that is not "model" or "models" but that lenient readers take for one ("Model", "modelſ"). */
    private static boolean foldsToAModelField(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                String folded = ClientBody.fold(name);
                return (folded.equals("model") || folded.equals("models")) && !name.equals(folded);
            }
        }
        return (name.equalsIgnoreCase("model") || name.equalsIgnoreCase("models"))
                && !name.equals("model") && !name.equals("models");
    }

    /**
     * The length of the strings in a value (not field names), as the estimate of input tokens counts them. A
     * string over Jackson's limit ends the scan, so that the tree reading refuses it in its words.
     */
    private static long textIn(JsonParser p, JsonToken v) throws java.io.IOException {
        if (v == JsonToken.VALUE_STRING) {
            return stringLength(p);
        }
        if (v != JsonToken.START_OBJECT && v != JsonToken.START_ARRAY) {
            return 0;
        }
        long n = 0;
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            } else if (t == JsonToken.VALUE_STRING) {
                n += stringLength(p);
            } else if (t == null) {
                throw new java.io.EOFException();
            }
        }
        return n;
    }

    private static int stringLength(JsonParser p) throws java.io.IOException {
        int length = p.getTextLength();
        if (length > MAX_STRING) {
            throw new java.io.IOException("over Jackson's string length limit");
        }
        return length;
    }

    /** A {@code \}{@code u} escape of a UTF-16 surrogate anywhere: the tree reading checks those. */
    private static boolean maySpellASurrogate(byte[] b) {
        for (int i = 0; i + 2 < b.length; i++) {
            if (b[i] == '\\' && b[i + 1] == 'u' && (b[i + 2] == 'd' || b[i + 2] == 'D')) {
                return true;
            }
        }
        return false;
    }

    private static int offset(long byteOffset) {
        if (byteOffset < 0 || byteOffset > Integer.MAX_VALUE) {
            throw new IllegalStateException("no byte offset");
        }
        return (int) byteOffset;
    }
}
