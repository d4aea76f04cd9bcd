package dev.switchboard.api;

import java.util.Objects;

/** One turn of a conversation: {@code role} is {@code user} or {@code assistant}. */
public record ChatMessage(String role, String content) {
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(ASSISTANT, content);
    }
}
