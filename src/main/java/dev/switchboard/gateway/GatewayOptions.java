package dev.switchboard.gateway;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the embedded gateway: where its data lives, what to bind, and whether
 * non-loopback clients may use the control plane. {@code port} 0 picks a free port.
 */
public record GatewayOptions(Path dataDir, String bindAddress, int port, boolean allowRemoteAdmin) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 7878;

    public GatewayOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        if (bindAddress == null || bindAddress.isBlank()) {
            bindAddress = DEFAULT_BIND;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }

    /** Loopback only, on a free port: what tests and the desktop app's fallback use. */
    public static GatewayOptions loopback(Path dataDir) {
        return new GatewayOptions(dataDir, DEFAULT_BIND, 0, false);
    }

    public GatewayOptions withPort(int newPort) {
        return new GatewayOptions(dataDir, bindAddress, newPort, allowRemoteAdmin);
    }
}
