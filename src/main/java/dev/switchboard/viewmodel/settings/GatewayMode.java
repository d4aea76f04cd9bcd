package dev.switchboard.viewmodel.settings;

/** Which gateway the console drives. */
public enum GatewayMode {
    /** The gateway inside the app, on loopback. */
    EMBEDDED,
    /** The hosted ngrok AI Gateway, or any server speaking the same API. */
    HOSTED
}
