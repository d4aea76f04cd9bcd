package dev.switchboard.viewmodel;

import dev.switchboard.client.GatewayClient;
import javafx.beans.property.ReadOnlyObjectProperty;

/**
 * The app's one active gateway connection. Changes only on the FX thread; view-models observe
 * {@link #stateProperty()} and take {@link #current()} when they need to call the gateway.
 */
public interface Connections {
    ReadOnlyObjectProperty<ConnectionState> stateProperty();

    /** The connection while ready, else null. */
    default GatewayConnection current() {
        ConnectionState s = stateProperty().get();
        return s == null ? null : s.connection();
    }

    /** The ready connection's client, for a background task; throws while not connected. */
    default GatewayClient requireClient() {
        GatewayConnection connection = current();
        if (connection == null) {
            throw new IllegalStateException("Not connected to a gateway yet. Check Settings.");
        }
        return connection.client();
    }

    /** Runs {@code action} (on the FX thread) each time a connection becomes ready, e.g. to load a page again. */
    default void whenReady(Runnable action) {
        stateProperty().addListener((o, a, state) -> {
            if (state != null && state.phase() == ConnectionState.Phase.READY) {
                action.run();
            }
        });
    }

    /**
     * Runs {@code action} (on the FX thread) when a connection becomes ready to a different gateway than the one
     * ready before (a switch in Settings), before {@link #whenReady} actions registered after it. Pages use it to
     * forget what they showed of the old gateway: a transcript, an open form, chart axes.
     */
    default void whenGatewayChanged(Runnable action) {
        GatewayConnection first = current();
        String[] last = {first == null ? null : first.label() + " " + first.dataPlaneUrl()};
        stateProperty().addListener((o, a, state) -> {
            if (state == null || state.phase() != ConnectionState.Phase.READY || state.connection() == null) {
                return;
            }
            String now = state.connection().label() + " " + state.connection().dataPlaneUrl();
            boolean changed = last[0] != null && !last[0].equals(now);
            last[0] = now;
            if (changed) {
                action.run();
            }
        });
    }

    /** Re-reads the saved settings and connects accordingly (starting or stopping the embedded gateway) off the FX thread. */
    void reconnect();
}
