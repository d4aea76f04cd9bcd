package dev.switchboard.client;

import okhttp3.Headers;

/**
 * What the gateway says about a data-plane call: its request id ({@code rq_…}), how many upstream
 * attempts it took (above 1 means failover happened; 0 when not reported) and which
 * {@code provider:model} answered. Fields are null when the header was absent.
 */
public record GatewayTrace(String requestId, int attempts, String model) {
    public static final String REQUEST_ID = "Ngrok-AIG-Request-Id";
    public static final String ATTEMPTS = "Ngrok-AIG-Attempts";
    public static final String MODEL = "Ngrok-AIG-Model";

    static GatewayTrace from(Headers headers) {
        int attempts = 0;
        String raw = headers.get(ATTEMPTS);
        if (raw != null) {
            try {
                attempts = Integer.parseInt(raw.trim());
            } catch (NumberFormatException ignored) {
                attempts = 0;
            }
        }
        return new GatewayTrace(headers.get(REQUEST_ID), attempts, headers.get(MODEL));
    }

    /** True when more than one upstream attempt was made. */
    public boolean failedOver() {
        return attempts > 1;
    }
}
