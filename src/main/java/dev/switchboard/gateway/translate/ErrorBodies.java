package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.translate.Fields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Upstream error bodies in the client surface's convention: OpenAI {@code {"error":{...}}} or Anthropic {@code {"type":"error",...}}. */
final class ErrorBodies {
    private ErrorBodies() {
    }

    /** The human message of either convention (or of a bare {@code {"message": ...}}). */
    static String message(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        if (error.path("message").isTextual()) {
            return error.get("message").asText();
        }
        return body.path("message").asText("upstream error");
    }

    static ObjectNode anthropic(JsonNode upstream, int status) {
        ObjectNode out = object().put("type", "error");
        out.putObject("error").put("type", anthropicType(status)).put("message", message(upstream));
        return out;
    }

    static ObjectNode openAi(JsonNode upstream, int status) {
        ObjectNode out = object();
        ObjectNode error = out.putObject("error");
        error.put("message", message(upstream));
        error.put("type", openAiType(status));
        error.putNull("param");
        JsonNode code = upstream.path("error").path("code");
        if (code.isValueNode() && !code.isNull()) {
            error.set("code", code.deepCopy());
        } else {
            error.putNull("code");
        }
        return out;
    }

    static String anthropicType(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529, 503 -> "overloaded_error";
            default -> "api_error";
        };
    }

    static String openAiType(int status) {
        return switch (status) {
            case 400, 404, 413, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> "server_error";
        };
    }
}
