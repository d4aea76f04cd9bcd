package dev.switchboard.discovery;

import java.time.Instant;

/** One check of a provider's server: whether it answered, what answered (or what failed), and when. */
public record Health(Reachability reachability, String answer, Instant checkedAt) {
    static Health answered(int status, String url) {
        return new Health(Reachability.REACHABLE, "HTTP " + status + " from GET " + url, Instant.now());
    }

    static Health failed(String reason) {
        return new Health(Reachability.UNREACHABLE, reason + " (on a fresh connection too)", Instant.now());
    }

    static Health unknown() {
        return new Health(Reachability.UNKNOWN, "", Instant.now());
    }
}
