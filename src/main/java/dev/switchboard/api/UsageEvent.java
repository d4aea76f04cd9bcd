package dev.switchboard.api;

import java.time.Instant;
import java.util.List;

/**
 * One row of the request log as the embedded gateway's {@code GET /usage/requests} extension serves
 * it: an upstream attempt, or a request refused before any attempt ({@code attemptNumber} 0), with
 * what the hosted API's usage event leaves out (surfaces, error text, latency, time to first token,
 * dropped parameters, and {@code stopped}: the client ended the request, by hanging up or stopping
 * a stream). No prompt or completion text, no secrets: the provider key appears only by id. Token
 * counts and time to first token are null when unknown.
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
        List<String> droppedParams,
        boolean stopped) {

    public UsageEvent {
        droppedParams = droppedParams == null ? List.of() : List.copyOf(droppedParams);
    }

    /** What the hosted API's {@code GET /usage} tells of an attempt: the rest is unknown there. */
    public static UsageEvent of(GatewayUsageEvent e) {
        return new UsageEvent(e.id(), e.eventTime(), e.requestId(), e.accessKeyId(), e.provider(), e.model(), null,
                null, e.attemptNumber(), e.isFinalAttempt(), e.statusCode(), e.timedOut(), e.isError(),
                e.isStreaming(), e.stopReason() == null || e.stopReason().isEmpty() ? null : e.stopReason(), null,
                e.inputTokens(), e.outputTokens(), e.keySource(), e.providerKeyId(), 0, null, List.of(), false);
    }

    /** {@code provider:model}, or just what is known. */
    public String modelRef() {
        if (provider == null) {
            return model == null ? "" : model;
        }
        return model == null ? provider : provider + ":" + model;
    }
}
