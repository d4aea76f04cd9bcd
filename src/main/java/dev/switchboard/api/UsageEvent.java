package dev.switchboard.api;

import java.time.Instant;
import java.util.List;

/**
 * One row of the request log ({@code GET /usage}): an upstream attempt, or a request refused
 * before any attempt ({@code attemptNumber} 0). No prompt or completion text, no secrets:
 * the provider key appears only by id. Token counts and time to first token are null when
 * unknown.
 */
public record UsageEvent(
        String id,
        Instant eventTime,
        String requestId,
        String accessKeyId,
        String provider,
        String model,
        String surface,
        String clientSurface,
        int attemptNumber,
        boolean isFinalAttempt,
        int statusCode,
        boolean timedOut,
        boolean isError,
        boolean isStreaming,
        String stopReason,
        String error,
        Long inputTokens,
        Long outputTokens,
        String keySource,
        String providerKeyId,
        long latencyMs,
        Long ttftMs,
        List<String> droppedParams) {

    public UsageEvent {
        droppedParams = droppedParams == null ? List.of() : List.copyOf(droppedParams);
    }

    /** {@code provider:model}, or just what is known. */
    public String modelRef() {
        if (provider == null) {
            return model == null ? "" : model;
        }
        return model == null ? provider : provider + ":" + model;
    }
}
