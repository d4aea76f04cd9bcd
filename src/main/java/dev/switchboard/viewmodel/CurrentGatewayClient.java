package dev.switchboard.viewmodel;

import dev.switchboard.client.GatewayClient;
import java.util.function.Supplier;

/**
 * The {@link GatewayClient} for the app's current connection: built on first use, rebuilt when the
 * connection changes (Settings saved, embedded gateway restarted), null while there is none.
 */
public final class CurrentGatewayClient implements Supplier<GatewayClient>, AutoCloseable {
    private final Connections connections;
    private GatewayConnection builtFor;
    private GatewayClient client;

    public CurrentGatewayClient(Connections connections) {
        this.connections = connections;
    }

    @Override
    public synchronized GatewayClient get() {
        GatewayConnection now = connections.current();
        if (now == null) {
            return null;
        }
        if (now != builtFor) {
            if (client != null) {
                client.close();
            }
            client = null;
            builtFor = now;
            try {
                client = GatewayClient.builder().controlPlaneUrl(now.controlPlaneUrl()).dataPlaneUrl(now.dataPlaneUrl())
                        .apiKey(now.apiKey()).build();
            } catch (IllegalArgumentException | IllegalStateException incomplete) {
                // Settings without an API key or with a bad URL: no client until they are fixed.
                return null;
            }
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
            builtFor = null;
        }
    }
}
