package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The gateway-wide limits ({@code /gateway-config}). Durations are Go-style strings ({@code 30s},
 * {@code 2m}); a null token cap means no cap; {@code metadata} is null when none is stored.
 */
public record GatewayConfig(
        @JsonInclude(JsonInclude.Include.NON_NULL) String accountId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String uri,
        String totalTimeout,
        String perRequestTimeout,
        Long maxInputTokens,
        Long maxOutputTokens,
        String metadata) {

    public GatewayConfig(String totalTimeout, String perRequestTimeout, Long maxInputTokens, Long maxOutputTokens) {
        this(null, null, totalTimeout, perRequestTimeout, maxInputTokens, maxOutputTokens, null);
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig("120s", "60s", null, null);
    }

    /** The same limits with another metadata. */
    public GatewayConfig withMetadata(String newMetadata) {
        return new GatewayConfig(accountId, uri, totalTimeout, perRequestTimeout, maxInputTokens, maxOutputTokens,
                newMetadata);
    }
}
