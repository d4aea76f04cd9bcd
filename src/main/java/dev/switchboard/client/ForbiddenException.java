package dev.switchboard.client;

/** 403, or {@code ERR_NGROK_3803}: the caller may not do this (e.g. the key's configuration does not allow the model). */
public final class ForbiddenException extends GatewayException {
    ForbiddenException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
