package dev.switchboard.client;

/**
 * Took too long: either this client gave up waiting ({@link #status()} 0) or the gateway did
 * (504, {@code ERR_NGROK_3810} total timeout exceeded).
 */
public final class GatewayTimeoutException extends GatewayException {
    public static final String TOTAL_TIMEOUT_EXCEEDED = "ERR_NGROK_3810";

    GatewayTimeoutException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    /** True when the client stopped waiting, false when the gateway answered 504. */
    public boolean isClientSide() {
        return status() == 0;
    }
}
