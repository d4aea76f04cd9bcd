package dev.switchboard.client;

/** An answer the client cannot use: an unclassified status or a body that is not the expected JSON. */
public final class UnexpectedResponseException extends GatewayException {
    UnexpectedResponseException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
