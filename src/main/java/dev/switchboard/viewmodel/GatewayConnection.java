package dev.switchboard.viewmodel;

import dev.switchboard.viewmodel.settings.GatewayMode;
import java.util.Objects;

/**
 * The gateway the console talks to: its two base URLs and the API key for the control plane.
 * The embedded gateway serves both planes on one loopback URL. {@link #toString()} never shows the key.
 */
public final class GatewayConnection {
    private final GatewayMode mode;
    private final String controlPlaneUrl;
    private final String dataPlaneUrl;
    private final String apiKey;

    public GatewayConnection(GatewayMode mode, String controlPlaneUrl, String dataPlaneUrl, String apiKey) {
        this.mode = Objects.requireNonNull(mode);
        this.controlPlaneUrl = stripSlash(Objects.requireNonNull(controlPlaneUrl));
        this.dataPlaneUrl = stripSlash(Objects.requireNonNull(dataPlaneUrl));
        this.apiKey = apiKey == null ? "" : apiKey;
    }

    public static GatewayConnection embedded(String baseUrl, String adminKey) {
        return new GatewayConnection(GatewayMode.EMBEDDED, baseUrl, baseUrl, adminKey);
    }

    public GatewayMode mode() {
        return mode;
    }

    public String controlPlaneUrl() {
        return controlPlaneUrl;
    }

    public String dataPlaneUrl() {
        return dataPlaneUrl;
    }

    /** The control-plane API key. Never log it. */
    public String apiKey() {
        return apiKey;
    }

    /** How the status bar names it: "Embedded · http://127.0.0.1:7878" or "Hosted · https://api.ngrok.ai". */
    public String label() {
        return (mode == GatewayMode.EMBEDDED ? "Embedded" : "Hosted") + " · " + controlPlaneUrl;
    }

    @Override
    public String toString() {
        return "GatewayConnection[" + mode + ", " + controlPlaneUrl + ", " + dataPlaneUrl
                + ", apiKey=" + (apiKey.isEmpty() ? "none" : "***") + "]";
    }

    private static String stripSlash(String url) {
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
