package dev.switchboard.viewmodel;

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

    /** Re-reads the saved settings and connects accordingly (starting or stopping the embedded gateway) off the FX thread. */
    void reconnect();
}
