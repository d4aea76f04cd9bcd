package dev.switchboard.client;

/** No usable answer: the gateway is unreachable, refused the connection, or the connection broke (also mid-stream). */
public final class NetworkException extends GatewayException {
    NetworkException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
