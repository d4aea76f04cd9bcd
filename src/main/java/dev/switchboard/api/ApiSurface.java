package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One API surface a provider speaks: {@code format} is {@code openai} or {@code anthropic};
 * {@code surface} is {@code chat-completions}, {@code responses} or {@code messages}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiSurface(String format, String surface, List<SupportedParam> supportedParams) {
    public static final String FORMAT_OPENAI = "openai";
    public static final String FORMAT_ANTHROPIC = "anthropic";
    public static final String CHAT_COMPLETIONS = "chat-completions";
    public static final String RESPONSES = "responses";
    public static final String MESSAGES = "messages";

    public static ApiSurface openAiChat() {
        return new ApiSurface(FORMAT_OPENAI, CHAT_COMPLETIONS, null);
    }

    public static ApiSurface openAiResponses() {
        return new ApiSurface(FORMAT_OPENAI, RESPONSES, null);
    }

    public static ApiSurface anthropicMessages() {
        return new ApiSurface(FORMAT_ANTHROPIC, MESSAGES, null);
    }
}
