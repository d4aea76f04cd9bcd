package dev.switchboard.api;

/**
 * The gateway-wide limits. Durations are Go-style strings ({@code 30s}, {@code 2m});
 * a null token cap means no cap.
 */
public record GatewayConfig(String totalTimeout, String perRequestTimeout, Long maxInputTokens, Long maxOutputTokens) {
    public static GatewayConfig defaults() {
        return new GatewayConfig("120s", "60s", null, null);
    }
}
