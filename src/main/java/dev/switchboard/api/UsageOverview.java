package dev.switchboard.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /usage/overview}, exactly the hosted API's {@code AIGatewayUsageOverview}: one bucket per
 * UTC day and provider (or access key), ordered by day then group key, and the window's totals.
 * Costs are US dollars as decimal strings.
 */
public record UsageOverview(String uri, List<Bucket> buckets, Totals totals) {

    /** Final-attempt {@code requests} and {@code errors} of one group on the day starting at {@code bucketStart}. */
    public record Bucket(Instant bucketStart, String groupKey, String cost, long requests, long errors) {
    }

    public record Totals(String cost, long requests, long errors) {
    }
}
