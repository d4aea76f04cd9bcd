package dev.switchboard.client;

/** 401: the API key (control plane) or access key (data plane) is missing, wrong or deleted. */
public final class UnauthorizedException extends GatewayException {
    UnauthorizedException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
