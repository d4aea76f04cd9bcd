package dev.switchboard.viewmodel.logs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the Logs view's charts show, computed from the rows on screen. */
public record LogCharts(List<LatencyPoint> latencyPerMinute, List<ProviderCounts> perProvider, List<KeyTokens> tokensPerKey) {

    public static final LogCharts EMPTY = new LogCharts(List.of(), List.of(), List.of());

    /** p50 and p95 latency of the requests that started in one minute. */
    public record LatencyPoint(Instant minute, long p50, long p95, int requests) {
    }

    public record ProviderCounts(String provider, long requests, long errors, long stopped) {
    }

    public record KeyTokens(String key, long inputTokens, long outputTokens) {
    }

    public boolean isEmpty() {
        return perProvider.isEmpty();
    }

    static LogCharts of(List<LogRow> rows) {
        Map<Instant, List<Long>> byMinute = new TreeMap<>();
        Map<String, long[]> byProvider = new TreeMap<>();
        Map<String, long[]> byKey = new TreeMap<>();
        for (LogRow r : rows) {
            byMinute.computeIfAbsent(r.time().truncatedTo(ChronoUnit.MINUTES), m -> new ArrayList<>()).add(r.latencyMs());
            long[] pc = byProvider.computeIfAbsent(r.provider() == null ? "(none)" : r.provider(), p -> new long[3]);
            pc[0]++;
            if (r.error()) {
                pc[1]++;
            }
            if (r.stopped()) {
                pc[2]++;
            }
            String key = r.keyName() != null ? r.keyName() : r.accessKeyId() != null ? r.accessKeyId() : "(no key)";
            long[] kt = byKey.computeIfAbsent(key, k -> new long[2]);
            kt[0] += r.inputTokens() == null ? 0 : r.inputTokens();
            kt[1] += r.outputTokens() == null ? 0 : r.outputTokens();
        }
        List<LatencyPoint> latency = new ArrayList<>();
        byMinute.forEach((minute, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            latency.add(new LatencyPoint(minute, percentile(sorted, 50), percentile(sorted, 95), sorted.length));
        });
        List<ProviderCounts> providers = new ArrayList<>();
        byProvider.forEach((p, c) -> providers.add(new ProviderCounts(p, c[0], c[1], c[2])));
        List<KeyTokens> keys = new ArrayList<>();
        byKey.forEach((k, t) -> keys.add(new KeyTokens(k, t[0], t[1])));
        return new LogCharts(latency, providers, keys);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
