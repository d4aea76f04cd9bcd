package dev.switchboard.api;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /usage/overview}: daily (UTC) buckets of requests and errors per provider or
 * access key, oldest first. {@code droppedEvents} counts log rows the gateway could not keep
 * up with since it started (it drops rather than slow requests down).
 */
public record UsageOverview(String groupBy, java.time.Instant startTime, java.time.Instant endTime,
                            List<Bucket> buckets, long droppedEvents) {

    /** One day: a row per provider (or access key) that had requests. */
    public record Bucket(LocalDate day, List<Group> groups) {
    }

    /** {@code key} is the providerId or the access key id ({@code null} for unauthenticated refusals). */
    public record Group(String key, long requests, long errors, long inputTokens, long outputTokens) {
    }
}
