package dev.switchboard.gateway.control;

import dev.switchboard.api.UsageList;
import dev.switchboard.api.UsageOverview;
import dev.switchboard.gateway.store.Store;
import dev.switchboard.gateway.usage.UsageLog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /usage} (the request log, newest first, paged by an opaque cursor) and
 * {@code GET /usage/overview} (daily buckets per provider or access key).
 * Embedded extensions: {@code provider} and {@code statusClass} ({@code 2xx}, {@code 4xx}, {@code 5xx}) filters.
 */
final class UsageResource extends Resource {
    private static final Duration DEFAULT_OVERVIEW_SPAN = Duration.ofDays(7);

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
        throw ApiException.notFound("No such path: " + call.path() + ". Use /usage or /usage/overview.");
    }

    private UsageList list(ControlCall call) {
        Instant start = time(call, "startTime");
        Instant end = time(call, "endTime");
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
                nonEmpty(call, "provider"), statusClass(call), bool(call, "includeRetries"));
        UsageLog.Page page = store.usageLog().query(q, limit, cursor);
        String next = null;
        if (page.nextCursor() != null) {
            StringBuilder sb = new StringBuilder(call.path()).append("?limit=").append(limit)
                    .append("&cursor=").append(page.nextCursor());
            for (String p : List.of("startTime", "endTime", "accessKeyId", "provider", "statusClass", "includeRetries")) {
                String v = call.query().get(p);
                if (v != null) {
                    sb.append('&').append(p).append('=').append(encode(v));
                }
            }
            next = sb.toString();
        }
        return new UsageList(page.events(), call.requestUri(), next);
    }

    private UsageOverview overview(ControlCall call) {
        String groupBy = call.query().getOrDefault("groupBy", "provider");
        String column = switch (groupBy) {
            case "provider" -> "provider";
            case "accessKey" -> "access_key_id";
            default -> throw ApiException.badParameter("groupBy", "groupBy must be 'provider' or 'accessKey' (got '"
                    + shorten(groupBy) + "').");
        };
        Instant end = time(call, "endTime");
        if (end == null) {
            end = Instant.now();
        }
        Instant start = time(call, "startTime");
        if (start == null) {
            start = end.minus(DEFAULT_OVERVIEW_SPAN);
        }
        if (!end.isAfter(start)) {
            throw ApiException.badParameter("endTime", "endTime must be after startTime.");
        }
        Map<LocalDate, List<UsageOverview.Group>> byDay = new LinkedHashMap<>();
        for (UsageLog.OverviewRow row : store.usageLog().overview(start, end, column)) {
            byDay.computeIfAbsent(row.day(), d -> new ArrayList<>()).add(new UsageOverview.Group(row.group(),
                    row.requests(), row.errors(), row.inputTokens(), row.outputTokens()));
        }
        List<UsageOverview.Bucket> buckets = new ArrayList<>();
        byDay.forEach((day, groups) -> buckets.add(new UsageOverview.Bucket(day, groups)));
        return new UsageOverview(groupBy, start, end, buckets, store.usageRecorder().droppedEvents());
    }

    private static Instant time(ControlCall call, String name) {
        String v = call.query().get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.badParameter(name, name + " must be an RFC 3339 time such as 2026-11-25T13:00:00Z (got '"
                        + shorten(v) + "').");
            }
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
