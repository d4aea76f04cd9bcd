package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.TokenUsage;

/**
 * The three data-plane API surfaces, and where each one keeps the answer's text, usage and stop
 * reason (in a whole answer and in a stream).
 */
public enum Surface {
    /** OpenAI Chat Completions: {@code POST /v1/chat/completions}. */
    CHAT_COMPLETIONS("chat/completions", ApiSurface.CHAT_COMPLETIONS) {
        @Override
        public ObjectNode render(ChatRequest request, boolean stream) {
            return request.toChatCompletions(stream);
        }

        @Override
        String textOf(JsonNode body) {
            return body.path("choices").path(0).path("message").path("content").asText("");
        }

        @Override
        TokenUsage usageOf(JsonNode body) {
            return usage(body.path("usage"), "prompt_tokens", "completion_tokens");
        }

        @Override
        String stopReasonOf(JsonNode body) {
            return textOrNull(body.path("choices").path(0).path("finish_reason"));
        }
    },
    /** OpenAI Responses: {@code POST /v1/responses}. */
    RESPONSES("responses", ApiSurface.RESPONSES) {
        @Override
        public ObjectNode render(ChatRequest request, boolean stream) {
            return request.toResponses(stream);
        }

        @Override
        String textOf(JsonNode body) {
            if (body.hasNonNull("output_text")) {
                return body.get("output_text").asText();
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode item : body.path("output")) {
                for (JsonNode part : item.path("content")) {
                    if ("output_text".equals(part.path("type").asText())) {
                        text.append(part.path("text").asText(""));
                    }
                }
            }
            return text.toString();
        }

        @Override
        TokenUsage usageOf(JsonNode body) {
            return usage(body.path("usage"), "input_tokens", "output_tokens");
        }

        @Override
        String stopReasonOf(JsonNode body) {
            String reason = textOrNull(body.path("incomplete_details").path("reason"));
            return reason != null ? reason : textOrNull(body.path("status"));
        }
    },
    /** Anthropic Messages: {@code POST /v1/messages}. */
    MESSAGES("messages", ApiSurface.MESSAGES) {
        @Override
        public ObjectNode render(ChatRequest request, boolean stream) {
            return request.toMessages(stream);
        }

        @Override
        String textOf(JsonNode body) {
            StringBuilder text = new StringBuilder();
            for (JsonNode block : body.path("content")) {
                if ("text".equals(block.path("type").asText())) {
                    text.append(block.path("text").asText(""));
                }
            }
            return text.toString();
        }

        @Override
        TokenUsage usageOf(JsonNode body) {
            return usage(body.path("usage"), "input_tokens", "output_tokens");
        }

        @Override
        String stopReasonOf(JsonNode body) {
            return textOrNull(body.path("stop_reason"));
        }
    };

    private final String path;
    private final String apiName;

    Surface(String path, String apiName) {
        this.path = path;
        this.apiName = apiName;
    }

    /** The path under {@code /v1/}, e.g. {@code chat/completions}. */
    public String path() {
        return path;
    }

    /** The name the control plane uses in {@code supportedApiSurfaces}, e.g. {@code chat-completions}. */
    public String apiName() {
        return apiName;
    }

    /** The surface a control-plane name stands for. */
    public static Surface fromApiName(String name) {
        for (Surface s : values()) {
            if (s.apiName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown surface: " + name);
    }

    /** The request body for this surface. */
    public abstract ObjectNode render(ChatRequest request, boolean stream);

    abstract String textOf(JsonNode body);

    abstract TokenUsage usageOf(JsonNode body);

    abstract String stopReasonOf(JsonNode body);

    static TokenUsage usage(JsonNode usage, String inField, String outField) {
        if (usage == null || !usage.isObject() || (!usage.has(inField) && !usage.has(outField))) {
            return null;
        }
        return new TokenUsage(usage.path(inField).asLong(0), usage.path(outField).asLong(0));
    }

    static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
