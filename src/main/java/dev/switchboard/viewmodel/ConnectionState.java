package dev.switchboard.viewmodel;

import dev.switchboard.viewmodel.settings.GatewayMode;

/**
 * Where the app is in connecting to its gateway.
 *
 * @param connection set when {@code phase} is {@link Phase#READY}
 * @param detail     what is happening ("Starting embedded gateway…") or what went wrong
 */
public record ConnectionState(Phase phase, GatewayMode mode, GatewayConnection connection, String detail) {
    public enum Phase { STARTING, READY, FAILED }

    public static ConnectionState starting(GatewayMode mode, String detail) {
        return new ConnectionState(Phase.STARTING, mode, null, detail);
    }

    public static ConnectionState ready(GatewayConnection connection) {
        return new ConnectionState(Phase.READY, connection.mode(), connection, "");
    }

    public static ConnectionState failed(GatewayMode mode, String detail) {
        return new ConnectionState(Phase.FAILED, mode, null, detail);
    }
}
