package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.api.TokenUsage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one surface's stream events: the text each adds, usage, the stop reason, whether the
 * model has finished, and error events. Not thread-safe: fed by one OkHttp thread.
 */
final class StreamAccumulator {
    /** An error event's parts, before classification. */
    record StreamError(String code, String type, String message, Map<String, Object> details) {
    }

    private final Surface surface;
    private final StringBuilder text = new StringBuilder();
    private long inputTokens = -1;
    private long outputTokens = -1;
    private String stopReason;
    private boolean finished;
    private StreamError error;

    StreamAccumulator(Surface surface) {
        this.surface = surface;
    }

    /** Takes one event; returns the text it adds ({@code ""} when none). */
    String accept(String name, String data) {
        if (CHAT_DONE.equals(data.trim())) {
            finished = true;
            return "";
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(data);
        } catch (IOException notJson) {
            return "";
        }
        if (json == null || !json.isObject()) {
            return "";
        }
        String type = name != null && !"message".equals(name) ? name : json.path("type").asText("");
        if ("error".equals(name) || "error".equals(type) || json.path("error").isObject()) {
            error = errorOf(json);
            return "";
        }
        return switch (surface) {
            case CHAT_COMPLETIONS -> chat(json);
            case RESPONSES -> responses(type, json);
            case MESSAGES -> messages(type, json);
        };
    }

    private static final String CHAT_DONE = "[DONE]";

    private String chat(JsonNode json) {
        JsonNode choice = json.path("choices").path(0);
        String reason = Surface.textOrNull(choice.path("finish_reason"));
        if (reason != null) {
            stopReason = reason;
        }
        TokenUsage usage = Surface.usage(json.path("usage"), "prompt_tokens", "completion_tokens");
        if (usage != null) {
            inputTokens = usage.inputTokens();
            outputTokens = usage.outputTokens();
        }
        JsonNode content = choice.path("delta").path("content");
        return append(content.isTextual() ? content.asText() : "");
    }

    private String responses(String type, JsonNode json) {
        switch (type) {
            case "response.output_text.delta":
                return append(json.path("delta").asText(""));
            case "response.completed", "response.incomplete": {
                JsonNode response = json.path("response");
                TokenUsage usage = Surface.usage(response.path("usage"), "input_tokens", "output_tokens");
                if (usage != null) {
                    inputTokens = usage.inputTokens();
                    outputTokens = usage.outputTokens();
                }
                stopReason = Surface.RESPONSES.stopReasonOf(response);
                if (stopReason == null) {
                    stopReason = type.substring("response.".length());
                }
                finished = true;
                return "";
            }
            case "response.failed": {
                JsonNode err = json.path("response").path("error");
                error = new StreamError(Surface.textOrNull(err.path("code")), "response.failed",
                        Surface.textOrNull(err.path("message")), Map.of());
                return "";
            }
            default:
                return "";
        }
    }

    private String messages(String type, JsonNode json) {
        switch (type) {
            case "message_start": {
                JsonNode usage = json.path("message").path("usage");
                if (usage.has("input_tokens")) {
                    inputTokens = usage.path("input_tokens").asLong();
                }
                if (usage.has("output_tokens")) {
                    outputTokens = usage.path("output_tokens").asLong();
                }
                return "";
            }
            case "content_block_delta": {
                JsonNode delta = json.path("delta");
                return "text_delta".equals(delta.path("type").asText()) ? append(delta.path("text").asText("")) : "";
            }
            case "message_delta": {
                String reason = Surface.textOrNull(json.path("delta").path("stop_reason"));
                if (reason != null) {
                    stopReason = reason;
                }
                JsonNode usage = json.path("usage");
                if (usage.has("output_tokens")) {
                    outputTokens = usage.path("output_tokens").asLong();
                }
                if (usage.has("input_tokens") && !usage.path("input_tokens").isNull()) {
                    inputTokens = usage.path("input_tokens").asLong();
                }
                return "";
            }
            case "message_stop":
                finished = true;
                return "";
            default:
                return "";
        }
    }

    private static StreamError errorOf(JsonNode json) {
        JsonNode err = json.path("error").isObject() ? json.path("error") : json;
        Map<String, Object> details = new LinkedHashMap<>();
        String param = Surface.textOrNull(err.path("param"));
        if (param != null) {
            details.put("param", param);
        }
        return new StreamError(Surface.textOrNull(err.path("code")), Surface.textOrNull(err.path("type")),
                Surface.textOrNull(err.path("message")), details);
    }

    private String append(String delta) {
        text.append(delta);
        return delta;
    }

    String text() {
        return text.toString();
    }

    TokenUsage usage() {
        if (inputTokens < 0 && outputTokens < 0) {
            return null;
        }
        return new TokenUsage(Math.max(0, inputTokens), Math.max(0, outputTokens));
    }

    String stopReason() {
        return stopReason;
    }

    /** The model has finished: the surface's end event arrived (for chat, a finish reason counts). */
    boolean finished() {
        return finished || (surface == Surface.CHAT_COMPLETIONS && stopReason != null);
    }

    StreamError error() {
        return error;
    }
}
