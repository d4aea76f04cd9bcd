package dev.switchboard.api;

/** Tokens a model call consumed, as the answer reported them. */
public record TokenUsage(long inputTokens, long outputTokens) {
    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
