package dev.switchboard.client;

import dev.switchboard.api.UsageEvent;
import dev.switchboard.api.UsageOverview;
import java.time.Instant;
import okhttp3.HttpUrl;

/** {@code /usage}: the gateway's request log, newest first, and its daily overview. */
public final class Usage {
    static final String COLLECTION = "usage";
    static final String LIST_FIELD = "aiGatewayUsage";
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

    public Page<UsageEvent> page(Query query) {
        return cp.page(url(query), LIST_FIELD, UsageEvent.class);
    }

    /** Every matching event, page by page as iterated. */
    public Listing<UsageEvent> list(Query query) {
        return new Listing<>(url(query), u -> cp.page(u, LIST_FIELD, UsageEvent.class), cp::resolvePage);
    }

    /** Daily buckets grouped by {@code provider} or {@code accessKey}; null times mean the last seven days. */
    public UsageOverview overview(Instant startTime, Instant endTime, String groupBy) {
        HttpUrl.Builder b = cp.url(COLLECTION, "overview").newBuilder().addQueryParameter("groupBy", groupBy);
        if (startTime != null) {
            b.addQueryParameter("startTime", startTime.toString());
        }
        if (endTime != null) {
            b.addQueryParameter("endTime", endTime.toString());
        }
        return cp.get(b.build(), UsageOverview.class);
    }

    private HttpUrl url(Query q) {
        HttpUrl.Builder b = cp.url(COLLECTION).newBuilder();
        if (q.startTime() != null) {
            b.addQueryParameter("startTime", q.startTime().toString());
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
