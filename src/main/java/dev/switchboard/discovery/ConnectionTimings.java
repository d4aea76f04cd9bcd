package dev.switchboard.discovery;

import java.time.Duration;

/**
 * How one HTTP request to a model server went, phase by phase, from this machine. A phase that did not
 * happen (no DNS for an IP address, no TLS for http://) is null. {@code failedAt} names the phase that
 * failed ({@code dns}, {@code tcp}, {@code tls}, {@code http}) and {@code problem} says why; both are null
 * when the server answered ({@code status} is then its HTTP status, any status).
 */
public record ConnectionTimings(String url, String address, Duration dns, Duration tcp, Duration tls, Duration http,
                                int status, String failedAt, String problem) {
    public static final String DNS = "dns";
    public static final String TCP = "tcp";
    public static final String TLS = "tls";
    public static final String HTTP = "http";

    public boolean answered() {
        return failedAt == null;
    }
}
