package dev.switchboard.gateway.control;

import dev.switchboard.api.GatewayUsageEvent;
import dev.switchboard.api.GatewayUsageList;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.RequestLog;
import dev.switchboard.api.UsageEvent;
import dev.switchboard.api.UsageOverview;
import dev.switchboard.gateway.store.Store;
import dev.switchboard.gateway.usage.UsageLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /usage} (upstream attempts, newest first, paged by an opaque cursor) and
 * {@code GET /usage/overview} (daily buckets per provider or access key), exactly as the hosted API
 * serves them; and the embedded-only extension {@code GET /usage/requests}: every attempt and every
 * request refused before one, with the facts the console's Logs page needs beyond the schema.
 * Embedded extensions on the lists: {@code provider} and {@code statusClass} ({@code 2xx}, {@code 4xx},
 * {@code 5xx}) filters.
 */
final class UsageResource extends Resource {
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(2);
    private static final List<String> LIST_PARAMS = List.of("startTime", "endTime", "accessKeyId", "provider",
            "statusClass", "includeRetries");

    UsageResource(Store store) {
        super(store);
    }

    @Override
    Reply handle(ControlCall call) {
        allow(call, "GET", "HEAD");
        List<String> seg = call.segments();
        if (seg.size() == 1) {
            return Reply.of(200, list(call));
        }
        if (seg.size() == 2 && seg.get(1).equals("overview")) {
            return Reply.of(200, overview(call));
        }
        if (seg.size() == 2 && seg.get(1).equals("requests")) {
            return Reply.of(200, requests(call));
        }
        throw ApiException.notFound("No such path: " + call.path() + ". Use /usage, /usage/overview or (embedded"
                + " only) /usage/requests.");
    }

    private GatewayUsageList list(ControlCall call) {
        UsageLog.Page page = page(call, UsageTimes.required(call, "startTime"), true);
        Names names = new Names();
        List<GatewayUsageEvent> events = page.events().stream().map(names::event).toList();
        return new GatewayUsageList(events, call.requestUri(), next(call, page));
    }

    private RequestLog requests(ControlCall call) {
        UsageLog.Page page = page(call, UsageTimes.optional(call, "startTime"), false);
        return new RequestLog(page.events(), call.requestUri(), next(call, page),
                store.usageRecorder().droppedEvents());
    }

    private UsageLog.Page page(ControlCall call, Instant start, boolean attemptsOnly) {
        Instant end = UsageTimes.optional(call, "endTime");
        if (start != null && end != null && !end.isAfter(start)) {
            throw ApiException.badParameter("endTime", "endTime must be after startTime.");
        }
        String cursor = call.query().get("cursor");
        if (cursor != null && (cursor.isEmpty() || !cursor.chars().allMatch(Character::isDigit) || cursor.length() > 18)) {
            throw ApiException.badParameter("cursor", "cursor '" + shorten(cursor)
                    + "' is not one this gateway gave out; use the nextPageUri of the previous page.");
        }
        int limit = limit(call);
        UsageLog.UsageQuery q = new UsageLog.UsageQuery(start, end, nonEmpty(call, "accessKeyId"),
                nonEmpty(call, "provider"), statusClass(call), bool(call, "includeRetries"), attemptsOnly);
        // a request answered just before this call is in the log, not still in the writer's queue
        store.usageRecorder().flush(FLUSH_WAIT);
        return store.usageLog().query(q, limit, cursor);
    }

    private static String next(ControlCall call, UsageLog.Page page) {
        if (page.nextCursor() == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(call.path()).append("?limit=").append(limit(call))
                .append("&cursor=").append(page.nextCursor());
        for (String p : LIST_PARAMS) {
            String v = call.query().get(p);
            if (v != null) {
                sb.append('&').append(p).append('=').append(encode(v));
            }
        }
        return sb.toString();
    }

    private UsageOverview overview(ControlCall call) {
        String groupBy = call.query().getOrDefault("groupBy", "provider");
        String column = switch (groupBy) {
            case "provider" -> "provider";
            case "accessKey" -> "access_key_id";
            default -> throw ApiException.badParameter("groupBy", "groupBy must be 'provider' or 'accessKey' (got '"
                    + shorten(groupBy) + "').");
        };
        Instant start = UsageTimes.required(call, "startTime");
        Instant end = UsageTimes.optional(call, "endTime");
        if (end == null) {
            end = Instant.now();
        }
        if (!end.isAfter(start)) {
            throw ApiException.badParameter("endTime", "endTime must be after startTime.");
        }
        store.usageRecorder().flush(FLUSH_WAIT);
        List<UsageOverview.Bucket> buckets = new ArrayList<>();
        long requests = 0;
        long errors = 0;
        for (UsageLog.OverviewRow row : store.usageLog().overview(start, end, column)) {
            buckets.add(new UsageOverview.Bucket(row.day().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                    row.group() == null ? "" : row.group(), GatewayUsageEvent.NO_COST, row.requests(), row.errors()));
            requests += row.requests();
            errors += row.errors();
        }
        return new UsageOverview(call.requestUri(), buckets,
                new UsageOverview.Totals(GatewayUsageEvent.NO_COST, requests, errors));
    }

    /** Provider names and provider keys' redacted forms, looked up once per page. */
    private final class Names {
        private final Map<String, String> providers = new HashMap<>();
        private final Map<String, Optional<String>> keys = new HashMap<>();

        GatewayUsageEvent event(UsageEvent e) {
            String provider = e.provider() == null ? "" : e.provider();
            String model = e.model() == null ? "" : e.model();
            Optional<String> keyRedacted = e.providerKeyId() == null ? Optional.empty()
                    : keys.computeIfAbsent(e.providerKeyId(),
                            id -> store.providerKeys().get(id).map(ProviderKey::keyRedacted));
            return new GatewayUsageEvent(e.id(), e.eventTime(), e.requestId(),
                    e.accessKeyId() == null ? "" : e.accessKeyId(), provider,
                    providers.computeIfAbsent(provider, p -> store.providers().findByProviderId(p)
                            .map(Provider::name).orElse(p)),
                    model, model, e.attemptNumber(), e.isFinalAttempt(), e.statusCode(), e.timedOut(), e.isError(),
                    e.isStreaming(), e.stopReason() == null ? "" : e.stopReason(),
                    orZero(e.inputTokens()), orZero(e.outputTokens()), 0, 0, GatewayUsageEvent.NO_COST,
                    GatewayUsageEvent.KEY_SOURCE_USER, e.providerKeyId(),
                    e.providerKeyId() == null ? null : keyRedacted.orElse(""));
        }

        private static long orZero(Long v) {
            return v == null ? 0 : v;
        }
    }

    private static String nonEmpty(ControlCall call, String name) {
        String v = call.query().get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static Integer statusClass(ControlCall call) {
        String v = call.query().get("statusClass");
        if (v == null || v.isEmpty()) {
            return null;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "2xx", "2" -> 2;
            case "3xx", "3" -> 3;
            case "4xx", "4" -> 4;
            case "5xx", "5" -> 5;
            default -> throw ApiException.badParameter("statusClass", "statusClass must be 2xx, 3xx, 4xx or 5xx (got '"
                    + shorten(v) + "').");
        };
    }

    private static boolean bool(ControlCall call, String name) {
        String v = call.query().get(name);
        if (v == null || v.isEmpty()) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiException.badParameter(name, name + " must be true or false (got '" + shorten(v) + "').");
    }
}
