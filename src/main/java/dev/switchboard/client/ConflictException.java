package dev.switchboard.client;

/** 409: refused because of other resources, e.g. deleting a provider a key still refers to, or a duplicate id. */
public final class ConflictException extends GatewayException {
    ConflictException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
