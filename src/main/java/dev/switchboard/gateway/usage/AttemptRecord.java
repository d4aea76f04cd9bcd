package dev.switchboard.gateway.usage;

import java.time.Instant;

/**
 * One upstream attempt of one data-plane request, as the usage log records it. No prompt text and
 * no secrets: the provider key appears only by id.
 *
 * @param attempt       1-based attempt number within the request
 * @param finalAttempt  whether this attempt's outcome is what the client got
 * @param status        the upstream HTTP status, or 0 when none arrived (connect error, timeout)
 * @param error         what went wrong, or null
 * @param ttftMillis    time to the first upstream byte of the answer, or -1 when none arrived
 * @param inputTokens   from the upstream's {@code usage}, or -1 when not seen
 * @param outputTokens  likewise
 * @param keySource     {@code user} (a router rule gave the key, or the provider needs none): the schema's BYOK source
 * @param clientSurface the surface the client spoke; differs from {@code surface} when the gateway translated
 * @param droppedParams request parameters the translation had to leave out (names only), empty when none
 * @param stopReason    why the answer ended as the upstream said it ({@code stop}, {@code end_turn},
 *                      {@code length}, {@code tool_calls}, ...), or null when not seen
 */
public record AttemptRecord(
        Instant startedAt,
        String requestId,
        String accessKeyId,
        String provider,
        String model,
        String surface,
        int attempt,
        boolean finalAttempt,
        int status,
        boolean timedOut,
        String error,
        boolean streaming,
        long latencyMillis,
        long ttftMillis,
        long inputTokens,
        long outputTokens,
        String keySource,
        String providerKeyId,
        String clientSurface,
        java.util.List<String> droppedParams,
        String stopReason) {

    /** The {@code error} of an attempt the client ended (hung up, stopped reading): logged as stopped. */
    public static final String CLIENT_STOPPED = "client went away";

    public AttemptRecord {
        droppedParams = droppedParams == null ? java.util.List.of() : java.util.List.copyOf(droppedParams);
    }

    /** An attempt whose stop reason is not known. */
    public AttemptRecord(Instant startedAt, String requestId, String accessKeyId, String provider, String model,
            String surface, int attempt, boolean finalAttempt, int status, boolean timedOut, String error,
            boolean streaming, long latencyMillis, long ttftMillis, long inputTokens, long outputTokens,
            String keySource, String providerKeyId, String clientSurface, java.util.List<String> droppedParams) {
        this(startedAt, requestId, accessKeyId, provider, model, surface, attempt, finalAttempt, status, timedOut,
                error, streaming, latencyMillis, ttftMillis, inputTokens, outputTokens, keySource, providerKeyId,
                clientSurface, droppedParams, null);
    }

    /** An attempt on the client's own surface: nothing translated, nothing dropped. */
    public AttemptRecord(Instant startedAt, String requestId, String accessKeyId, String provider, String model,
            String surface, int attempt, boolean finalAttempt, int status, boolean timedOut, String error,
            boolean streaming, long latencyMillis, long ttftMillis, long inputTokens, long outputTokens,
            String keySource, String providerKeyId) {
        this(startedAt, requestId, accessKeyId, provider, model, surface, attempt, finalAttempt, status, timedOut,
                error, streaming, latencyMillis, ttftMillis, inputTokens, outputTokens, keySource, providerKeyId,
                surface, java.util.List.of());
    }
}
