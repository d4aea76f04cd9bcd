package dev.switchboard.client;

/**
 * The gateway or the model server behind it failed: 5xx, an error event inside a stream, or an
 * account problem such as {@code ERR_NGROK_4026} (out of credit). {@link #errorCode()} carries the
 * ngrok code ({@code ERR_NGROK_3800} provider unreachable, {@code 3807} all attempts failed).
 */
public final class UpstreamException extends GatewayException {
    public static final String PROVIDER_UNREACHABLE = "ERR_NGROK_3800";
    public static final String ALL_ATTEMPTS_FAILED = "ERR_NGROK_3807";
    public static final String OUT_OF_CREDIT = "ERR_NGROK_4026";

    UpstreamException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    public boolean isOutOfCredit() {
        return errorCode().filter(OUT_OF_CREDIT::equals).isPresent();
    }

    public boolean isProviderUnreachable() {
        return errorCode().filter(PROVIDER_UNREACHABLE::equals).isPresent();
    }
}
