package dev.switchboard.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.TokenUsage;
import java.time.Duration;

/**
 * A whole (non-streamed) model answer: the raw {@code body}, its {@code text}, {@code usage} (null
 * when the answer had none), {@code stopReason} ({@code stop}, {@code end_turn}, …), the gateway's
 * trace headers and how long the call took.
 */
public record Completion(Surface surface, ObjectNode body, String text, TokenUsage usage, String stopReason,
                         GatewayTrace trace, Duration latency) {
}
