package dev.switchboard.gateway.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.route.DataPlaneError;
import dev.switchboard.gateway.upstream.SseEvent;
import dev.switchboard.gateway.upstream.Surface;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Error bodies in each surface's own shape: OpenAI {@code {"error": {...}}}, Anthropic {@code {"type": "error", ...}}. */
final class ErrorBodies {
    private static final ObjectMapper MAPPER = Json.mapper();

    private ErrorBodies() {
    }

    static byte[] body(Surface surface, DataPlaneError e, List<String> attemptErrors) {
        return bytes(node(surface, e.status(), e.code(), e.kind(), e.getMessage(), attemptErrors));
    }

    static ObjectNode node(Surface surface, int status, String code, DataPlaneError.Kind kind, String message,
                           List<String> attemptErrors) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error;
        if (surface != null && surface.isAnthropic()) {
            root.put("type", "error");
            error = root.putObject("error");
            error.put("type", anthropicType(kind, status));
            error.put("message", message);
            if (code != null) {
                error.put("code", code);
            }
        } else {
            error = root.putObject("error");
            error.put("message", message);
            error.put("type", openAiType(kind));
            if (code != null) {
                error.put("code", code);
            } else {
                error.putNull("code");
            }
        }
        if (attemptErrors != null && !attemptErrors.isEmpty()) {
            ArrayNode list = error.putArray("attempts");
            attemptErrors.forEach(list::add);
        }
        return root;
    }

    /** The event that ends a stream which failed after it began. */
    static SseEvent streamError(Surface surface, String code, String message) {
        ObjectNode node = node(surface, 502, code, DataPlaneError.Kind.UPSTREAM, message, null);
        String data = new String(bytes(node), StandardCharsets.UTF_8);
        return surface.isAnthropic() ? SseEvent.named("error", data) : SseEvent.data(data);
    }

    /**
     * An upstream error body re-shaped for a client of the other format (only when translating
     * across formats); the status is kept by the caller.
     */
    static byte[] reshape(Surface client, Surface upstream, int status, byte[] upstreamBody) {
        String message = "The provider answered HTTP " + status + ".";
        try {
            JsonNode n = MAPPER.readTree(upstreamBody);
            JsonNode m = n.path("error").path("message");
            if (m.isTextual()) {
                message = m.asText();
            } else if (n.path("error").isTextual()) {
                message = n.path("error").asText();
            }
        } catch (Exception ignored) {
            // Not JSON: keep the generic message rather than echo arbitrary bytes.
        }
        DataPlaneError.Kind kind = status >= 500 ? DataPlaneError.Kind.UPSTREAM : DataPlaneError.Kind.INVALID_REQUEST;
        return bytes(node(client, status, null, kind, message, null));
    }

    private static String openAiType(DataPlaneError.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, TOO_LARGE -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case NOT_ALLOWED -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case UPSTREAM -> "server_error";
            case TIMEOUT -> "timeout_error";
        };
    }

    private static String anthropicType(DataPlaneError.Kind kind, int status) {
        return switch (kind) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case NOT_ALLOWED -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case TOO_LARGE -> "request_too_large";
            case UPSTREAM, TIMEOUT -> status == 429 ? "rate_limit_error" : "api_error";
        };
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
