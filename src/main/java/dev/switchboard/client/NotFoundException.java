package dev.switchboard.client;

/** 404: the resource does not exist (any more). */
public final class NotFoundException extends GatewayException {
    NotFoundException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
