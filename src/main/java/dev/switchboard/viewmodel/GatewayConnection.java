package dev.switchboard.viewmodel;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.viewmodel.settings.GatewayMode;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The gateway the console talks to (its two base URLs and control-plane API key) and the app's one
 * {@link GatewayClient} for it, built on first use and shared. View-models call the gateway through
 * {@link #client()} (blocking calls: from a background task). {@link #toString()} never shows the key.
 */
public final class GatewayConnection implements AutoCloseable {
    private final GatewayMode mode;
    private final String controlPlaneUrl;
    private final String dataPlaneUrl;
    private final String apiKey;
    private final OkHttpClient http;
    private GatewayClient client;

    public GatewayConnection(GatewayMode mode, String controlPlaneUrl, String dataPlaneUrl, String apiKey) {
        this(mode, controlPlaneUrl, dataPlaneUrl, apiKey, null);
    }

    /** @param http shared by the client this connection builds (one pool and dispatcher for the app); null for its own */
    public GatewayConnection(GatewayMode mode, String controlPlaneUrl, String dataPlaneUrl, String apiKey, OkHttpClient http) {
        this.mode = Objects.requireNonNull(mode);
        this.controlPlaneUrl = stripSlash(Objects.requireNonNull(controlPlaneUrl));
        this.dataPlaneUrl = stripSlash(Objects.requireNonNull(dataPlaneUrl));
        this.apiKey = apiKey == null ? "" : apiKey;
        this.http = http;
    }

    /** A connection over an already built client; {@link #apiKey()} is then empty (the key stays inside the client). */
    public GatewayConnection(GatewayMode mode, GatewayClient client) {
        this(mode, client.controlPlaneUrl().toString(), withoutV1(client.dataPlaneUrl().toString()), "", null);
        this.client = client;
    }

    public static GatewayConnection embedded(String baseUrl, String adminKey) {
        return new GatewayConnection(GatewayMode.EMBEDDED, baseUrl, baseUrl, adminKey);
    }

    public GatewayMode mode() {
        return mode;
    }

    /** The control plane's base URL without a trailing slash, e.g. {@code http://127.0.0.1:7878}. */
    public String controlPlaneUrl() {
        return controlPlaneUrl;
    }

    /** The data plane's base URL (the client adds {@code /v1/}), e.g. {@code https://gateway.ngrok.ai}. */
    public String dataPlaneUrl() {
        return dataPlaneUrl;
    }

    /** The control-plane API key (embedded: the admin key). Never log or show it. */
    public String apiKey() {
        return apiKey;
    }

    /**
     * The client for this connection, the same instance on every call.
     *
     * @throws IllegalStateException when the connection has no API key
     * @throws IllegalArgumentException when a URL is not http(s)
     */
    public synchronized GatewayClient client() {
        if (client == null) {
            GatewayClient.Builder b = GatewayClient.builder()
                    .controlPlaneUrl(controlPlaneUrl)
                    .dataPlaneUrl(dataPlaneUrl)
                    .apiKey(apiKey);
            if (http != null) {
                b.okHttpClient(http);
            }
            client = b.build();
        }
        return client;
    }

    /** How the status bar names it: "Embedded · http://127.0.0.1:7878" or "Hosted · https://api.ngrok.ai". */
    public String label() {
        return (mode == GatewayMode.EMBEDDED ? "Embedded" : "Hosted") + " · " + controlPlaneUrl;
    }

    /** Releases the client's calls (and its threads when it made its own OkHttpClient). */
    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public String toString() {
        return "GatewayConnection[" + mode + ", " + controlPlaneUrl + ", " + dataPlaneUrl
                + ", apiKey=" + (apiKey.isEmpty() ? "none" : "***") + "]";
    }

    private static String withoutV1(String dataPlaneV1) {
        String s = stripSlash(dataPlaneV1);
        return s.endsWith("/v1") ? s.substring(0, s.length() - 3) : s;
    }

    private static String stripSlash(String url) {
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
