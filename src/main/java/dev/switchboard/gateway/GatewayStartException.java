package dev.switchboard.gateway;

/** The embedded gateway could not start; the message says why and what to do. */
public class GatewayStartException extends RuntimeException {
    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
