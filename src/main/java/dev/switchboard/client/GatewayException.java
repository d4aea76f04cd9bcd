package dev.switchboard.client;

import java.util.Map;
import java.util.Optional;

/**
 * A call to the gateway failed. Catch the subclass you can act on; {@link #getMessage()} is the
 * server's human-readable {@code msg} (or a plain sentence for network failures), never a stack
 * trace, and never holds the API key, an access-key token or a provider-key value.
 */
public abstract sealed class GatewayException extends RuntimeException
        permits UnauthorizedException, ForbiddenException, NotFoundException, ConflictException,
        ValidationException, RateLimitedException, UpstreamException, NetworkException,
        GatewayTimeoutException, UnexpectedResponseException {

    private final int status;
    private final String errorCode;
    private final Map<String, Object> details;
    private final String requestId;

    GatewayException(ErrorInfo info, Throwable cause) {
        super(info.message(), cause);
        this.status = info.status();
        this.errorCode = info.errorCode();
        this.details = info.details();
        this.requestId = info.requestId();
    }

    /** The HTTP status, or 0 when no answer arrived (network failure, client-side timeout). */
    public int status() {
        return status;
    }

    /** The ngrok error code ({@code ERR_NGROK_3807}), when the server sent one. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The error's {@code details} (control plane) or {@code type}/{@code param} (data plane); never null. */
    public Map<String, Object> details() {
        return details;
    }

    /** The {@code Ngrok-AIG-Request-Id} of the failed data-plane call, for a bug report. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[');
        if (status != 0) {
            sb.append(status).append(' ');
        }
        if (errorCode != null) {
            sb.append(errorCode).append(' ');
        }
        return sb.append(getMessage()).append(']').toString();
    }
}
