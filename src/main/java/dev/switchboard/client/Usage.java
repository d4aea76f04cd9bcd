package dev.switchboard.client;

import dev.switchboard.api.GatewayUsageEvent;
import dev.switchboard.api.UsageEvent;
import dev.switchboard.api.UsageOverview;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;

/**
 * {@code /usage}: the gateway's usage events (upstream attempts), newest first, and its daily overview,
 * as the hosted API serves them; and the embedded gateway's {@code /usage/requests} extension, the
 * request log with everything the console's Logs page shows (a hosted gateway answers it with 404).
 */
public final class Usage {
    static final String COLLECTION = "usage";
    static final String LIST_FIELD = "aiGatewayUsage";
    static final String REQUESTS = "requests";
    /** The schema requires a start: "any time" asks from here. */
    static final Instant BEGINNING = Instant.EPOCH;
    private static final Duration DEFAULT_OVERVIEW_SPAN = Duration.ofDays(7);
    private final ControlPlane cp;

    Usage(ControlPlane cp) {
        this.cp = cp;
    }

    /**
     * Filters for the log; null fields are unrestricted. {@code statusClass} is {@code 2xx}, {@code 4xx}
     * or {@code 5xx}; {@code provider} and {@code statusClass} are embedded-gateway extensions.
     */
    public record Query(Instant startTime, Instant endTime, String accessKeyId, String provider, String statusClass,
                        boolean includeRetries, Integer limit) {
        /** Final attempts only, any time, a page of 100. */
        public static Query recent() {
            return new Query(null, null, null, null, null, false, 100);
        }

        public Query withStartTime(Instant start) {
            return new Query(start, endTime, accessKeyId, provider, statusClass, includeRetries, limit);
        }

        public Query withAccessKeyId(String id) {
            return new Query(startTime, endTime, id, provider, statusClass, includeRetries, limit);
        }

        public Query withProvider(String providerId) {
            return new Query(startTime, endTime, accessKeyId, providerId, statusClass, includeRetries, limit);
        }

        public Query withStatusClass(String cls) {
            return new Query(startTime, endTime, accessKeyId, provider, cls, includeRetries, limit);
        }

        public Query withRetries(boolean include) {
            return new Query(startTime, endTime, accessKeyId, provider, statusClass, include, limit);
        }

        public Query withLimit(Integer pageSize) {
            return new Query(startTime, endTime, accessKeyId, provider, statusClass, includeRetries, pageSize);
        }
    }

    /** One page of usage events ({@code GET /usage}); a null start time asks from the beginning. */
    public Page<GatewayUsageEvent> page(Query query) {
        return cp.page(url(cp.url(COLLECTION), query, true), LIST_FIELD, GatewayUsageEvent.class);
    }

    /** Every matching usage event, page by page as iterated. */
    public Listing<GatewayUsageEvent> list(Query query) {
        return new Listing<>(url(cp.url(COLLECTION), query, true), u -> cp.page(u, LIST_FIELD, GatewayUsageEvent.class),
                cp::resolvePage);
    }

    /**
     * One page of the embedded gateway's request log ({@code GET /usage/requests}).
     *
     * @throws NotFoundException from a gateway without the extension (the hosted one): use {@link #page}
     */
    public Page<UsageEvent> requestsPage(Query query) {
        return cp.page(url(cp.url(COLLECTION, REQUESTS), query, false), REQUESTS, UsageEvent.class);
    }

    /** Every matching request-log row, page by page as iterated; see {@link #requestsPage}. */
    public Listing<UsageEvent> requests(Query query) {
        return new Listing<>(url(cp.url(COLLECTION, REQUESTS), query, false), u -> cp.page(u, REQUESTS,
                UsageEvent.class), cp::resolvePage);
    }

    /** Daily buckets grouped by {@code provider} or {@code accessKey}; a null start means seven days before the end. */
    public UsageOverview overview(Instant startTime, Instant endTime, String groupBy) {
        Instant start = startTime != null ? startTime
                : (endTime != null ? endTime : Instant.now()).minus(DEFAULT_OVERVIEW_SPAN);
        HttpUrl.Builder b = cp.url(COLLECTION, "overview").newBuilder().addQueryParameter("groupBy", groupBy)
                .addQueryParameter("startTime", start.toString());
        if (endTime != null) {
            b.addQueryParameter("endTime", endTime.toString());
        }
        return cp.get(b.build(), UsageOverview.class);
    }

    private static HttpUrl url(HttpUrl base, Query q, boolean startRequired) {
        HttpUrl.Builder b = base.newBuilder();
        if (q.startTime() != null || startRequired) {
            b.addQueryParameter("startTime", (q.startTime() != null ? q.startTime() : BEGINNING).toString());
        }
        if (q.endTime() != null) {
            b.addQueryParameter("endTime", q.endTime().toString());
        }
        if (q.accessKeyId() != null) {
            b.addQueryParameter("accessKeyId", q.accessKeyId());
        }
        if (q.provider() != null) {
            b.addQueryParameter("provider", q.provider());
        }
        if (q.statusClass() != null) {
            b.addQueryParameter("statusClass", q.statusClass());
        }
        if (q.includeRetries()) {
            b.addQueryParameter("includeRetries", "true");
        }
        if (q.limit() != null) {
            b.addQueryParameter("limit", q.limit().toString());
        }
        return b.build();
    }
}
