package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The common case of a model call, independent of the API surface: a model, optional fallback
 * models, an optional system prompt, the conversation, temperature and a token cap. Render it for a
 * surface with {@link #toChatCompletions}, {@link #toResponses} or {@link #toMessages}.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder("my-ollama:llama3.2")
 *         .system("Be brief.")
 *         .user("Hello")
 *         .temperature(0.2)
 *         .maxTokens(256)
 *         .build();
 * }</pre>
 */
public final class ChatRequest {
    /** Anthropic's Messages API requires {@code max_tokens}; this is used when none is set. */
    public static final int DEFAULT_MESSAGES_MAX_TOKENS = 1024;

    private final String model;
    private final List<String> fallbackModels;
    private final String system;
    private final List<ChatMessage> messages;
    private final Double temperature;
    private final Integer maxTokens;

    private ChatRequest(Builder b) {
        this.model = b.model;
        this.fallbackModels = List.copyOf(b.fallbackModels);
        this.system = b.system;
        this.messages = List.copyOf(b.messages);
        this.temperature = b.temperature;
        this.maxTokens = b.maxTokens;
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    public String model() {
        return model;
    }

    public List<String> fallbackModels() {
        return fallbackModels;
    }

    public String system() {
        return system;
    }

    public List<ChatMessage> messages() {
        return messages;
    }

    public Double temperature() {
        return temperature;
    }

    public Integer maxTokens() {
        return maxTokens;
    }

    /** {@code POST /v1/chat/completions}: the system prompt is the first message. */
    public ObjectNode toChatCompletions(boolean stream) {
        ObjectNode body = base();
        ArrayNode list = body.putArray("messages");
        if (system != null) {
            list.addObject().put("role", "system").put("content", system);
        }
        messages.forEach(m -> list.addObject().put("role", m.role()).put("content", m.content()));
        if (temperature != null) {
            body.put("temperature", temperature);
        }
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /** {@code POST /v1/responses}: the system prompt is {@code instructions}, the conversation is {@code input}. */
    public ObjectNode toResponses(boolean stream) {
        ObjectNode body = base();
        if (system != null) {
            body.put("instructions", system);
        }
        ArrayNode input = body.putArray("input");
        messages.forEach(m -> input.addObject().put("role", m.role()).put("content", m.content()));
        if (temperature != null) {
            body.put("temperature", temperature);
        }
        if (maxTokens != null) {
            body.put("max_output_tokens", maxTokens);
        }
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    /** {@code POST /v1/messages}: {@code system} at the top, {@code max_tokens} always present. */
    public ObjectNode toMessages(boolean stream) {
        ObjectNode body = base();
        body.put("max_tokens", maxTokens != null ? maxTokens : DEFAULT_MESSAGES_MAX_TOKENS);
        if (system != null) {
            body.put("system", system);
        }
        ArrayNode list = body.putArray("messages");
        messages.forEach(m -> list.addObject().put("role", m.role()).put("content", m.content()));
        if (temperature != null) {
            body.put("temperature", temperature);
        }
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private ObjectNode base() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", model);
        if (!fallbackModels.isEmpty()) {
            ArrayNode models = body.putArray("models");
            fallbackModels.forEach(models::add);
        }
        return body;
    }

    @Override
    public String toString() {
        return "ChatRequest[model=" + model + ", messages=" + messages.size() + "]";
    }

    public static final class Builder {
        private final String model;
        private final List<String> fallbackModels = new ArrayList<>();
        private String system;
        private final List<ChatMessage> messages = new ArrayList<>();
        private Double temperature;
        private Integer maxTokens;

        private Builder(String model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** Models tried in order after {@code model} fails (the gateway's {@code models}). */
        public Builder fallbackModels(List<String> models) {
            fallbackModels.clear();
            fallbackModels.addAll(models);
            return this;
        }

        public Builder system(String systemPrompt) {
            this.system = systemPrompt;
            return this;
        }

        public Builder message(ChatMessage message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        public Builder messages(List<ChatMessage> conversation) {
            conversation.forEach(this::message);
            return this;
        }

        public Builder user(String content) {
            return message(ChatMessage.user(content));
        }

        public Builder assistant(String content) {
            return message(ChatMessage.assistant(content));
        }

        public Builder temperature(double value) {
            this.temperature = value;
            return this;
        }

        public Builder maxTokens(int tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("maxTokens must be positive");
            }
            this.maxTokens = tokens;
            return this;
        }

        public ChatRequest build() {
            if (messages.isEmpty()) {
                throw new IllegalStateException("a request needs at least one message");
            }
            return new ChatRequest(this);
        }
    }
}
