package dev.switchboard.gateway.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.upstream.SurfaceAdapter;
import java.math.BigDecimal;
import java.util.List;

/** The body an attempt writes upstream: translated when the surfaces differ, the model set, the output capped. */
final class UpstreamBody {
    private UpstreamBody() {
    }

    /**
     * The bytes to send to {@code up} naming {@code model}; {@code adapter} translates from the client's
     * surface (null when the surfaces are the same).
     */
    static byte[] write(ObjectNode clientBody, SurfaceAdapter adapter, Surface up, String model, Long maxOutputTokens) {
        ObjectNode upstreamBody = adapter == null ? clientBody : adapter.translateRequest(clientBody);
        upstreamBody.put("model", model);
        capOutputTokens(upstreamBody, up, maxOutputTokens);
        try {
            return Json.mapper().writeValueAsBytes(upstreamBody);
        } catch (Exception e) {
            throw new IllegalStateException("the request body could not be written", e);
        }
    }

    /** Caps the answer's length at {@code cap} tokens in the field(s) this surface uses. */
    static void capOutputTokens(ObjectNode body, Surface surface, Long cap) {
        if (cap == null) {
            return;
        }
        boolean seen = false;
        for (String field : surface == Surface.CHAT_COMPLETIONS
                ? List.of("max_tokens", "max_completion_tokens") : List.of(surface.maxTokensField())) {
            JsonNode n = body.get(field);
            if (n != null && !n.isNull()) {
                seen = true;
                if (!atMost(n, cap)) {
                    body.put(field, cap);
                }
            }
        }
        if (!seen) {
            body.put(surface.maxTokensField(), cap);
        }
    }

    /**
     * A number no larger than {@code cap}, compared exactly: a 100-digit integer must not wrap around to a
     * small long, an infinity (from 1e400) is written as a string, and a string such as "99999" (which lenient
     * servers read as a number) is no number here.
     */
    private static boolean atMost(JsonNode n, long cap) {
        if (!n.isNumber()) {
            return false;
        }
        if (n.isDouble() || n.isFloat()) {
            double d = n.doubleValue();
            return Double.isFinite(d) && d <= cap;
        }
        return n.decimalValue().compareTo(BigDecimal.valueOf(cap)) <= 0;
    }
}
