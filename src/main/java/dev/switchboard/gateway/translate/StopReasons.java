package dev.switchboard.gateway.translate;

/** Why generation stopped, between Chat's {@code finish_reason} and Messages' {@code stop_reason}. */
final class StopReasons {
    private StopReasons() {
    }

    /**
     * As {@link #toMessages(String)}, for an answer that did or did not call tools: some servers (older Ollama)
     * say {@code stop} after tool calls, and a Messages client only runs tools on {@code tool_use}.
     */
    static String toMessages(String finishReason, boolean calledTools) {
        if (calledTools && (finishReason == null || finishReason.equals("stop"))) {
            return "tool_use";
        }
        return toMessages(finishReason);
    }

    /** Chat {@code finish_reason} → Messages {@code stop_reason}. */
    static String toMessages(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Messages {@code stop_reason} → Chat {@code finish_reason}. */
    static String toChat(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }
}
