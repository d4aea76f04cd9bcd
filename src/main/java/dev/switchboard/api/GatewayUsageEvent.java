package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One upstream attempt as {@code GET /usage} serves it: exactly the hosted API's
 * {@code AIGatewayUsageEvent}. {@code totalCost} is US dollars as a decimal string ("0" when the
 * gateway knows no price); {@code keySource} is {@code ngrok} or {@code user}; the provider key
 * fields are left out when no provider key was used.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayUsageEvent(
        String id,
        Instant eventTime,
        String requestId,
        String accessKeyId,
        String provider,
        String providerDisplayName,
        String model,
        String modelDisplayName,
        int attemptNumber,
        boolean isFinalAttempt,
        int statusCode,
        boolean timedOut,
        boolean isError,
        boolean isStreaming,
        String stopReason,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long reasoningTokens,
        String totalCost,
        String keySource,
        String providerKeyId,
        String providerKeyDisplayName) {

    public static final String KEY_SOURCE_USER = "user";
    public static final String NO_COST = "0";
}
