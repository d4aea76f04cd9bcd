package dev.switchboard.viewmodel;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.viewmodel.settings.GatewayMode;
import java.util.Objects;

/**
 * The gateway the console talks to, and the app's one {@link GatewayClient} for it. View-models call
 * the gateway through {@link #client()} (blocking calls: from a background task). The API key lives
 * inside the client and is never exposed here.
 */
public final class GatewayConnection {
    private final GatewayMode mode;
    private final GatewayClient client;

    public GatewayConnection(GatewayMode mode, GatewayClient client) {
        this.mode = Objects.requireNonNull(mode);
        this.client = Objects.requireNonNull(client);
    }

    public GatewayMode mode() {
        return mode;
    }

    public GatewayClient client() {
        return client;
    }

    /** The control plane's base URL without a trailing slash, e.g. {@code http://127.0.0.1:7878}. */
    public String controlPlaneUrl() {
        return stripSlash(client.controlPlaneUrl().toString());
    }

    /** The data plane's base URL without {@code /v1/}, e.g. {@code https://gateway.ngrok.ai}. */
    public String dataPlaneUrl() {
        String v1 = stripSlash(client.dataPlaneUrl().toString());
        return v1.endsWith("/v1") ? v1.substring(0, v1.length() - 3) : v1;
    }

    /** How the status bar names it: "Embedded · http://127.0.0.1:7878" or "Hosted · https://api.ngrok.ai". */
    public String label() {
        return (mode == GatewayMode.EMBEDDED ? "Embedded" : "Hosted") + " · " + controlPlaneUrl();
    }

    @Override
    public String toString() {
        return "GatewayConnection[" + mode + ", " + client + "]";
    }

    private static String stripSlash(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
