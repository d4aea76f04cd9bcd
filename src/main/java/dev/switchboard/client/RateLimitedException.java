package dev.switchboard.client;

import java.time.Duration;
import java.util.Optional;

/** 429: too many requests; {@link #retryAfter()} says when to try again, if the server did. */
public final class RateLimitedException extends GatewayException {
    private final Duration retryAfter;

    RateLimitedException(ErrorInfo info, Duration retryAfter, Throwable cause) {
        super(info, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
