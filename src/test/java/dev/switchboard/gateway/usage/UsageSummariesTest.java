package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.UsageEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overview from the rollups and a page of a time range through the spans give what a scan of the rows would,
 * for ranges that start and end anywhere (mid-minute, across days), also after old rows were pruned and with rows
 * written late (a long stream's row, written after newer ones).
 */
class UsageSummariesTest {
    private static final Instant BASE = Instant.parse("2026-11-20T22:13:17.250Z");
    private static final String[] PROVIDERS = {"openai", "anthropic", "my-workstation-vllm"};
    private static final String[] KEYS = {"aigk_2Vt0PfWb1dD0gh2mLz9yQ4KxA7e", "aigk_9Qp2LmNb3vC4xZ5aS6dF7gH8jK1", null};

    @TempDir
    Path dir;

    private static List<UsageEvent> events(Random r) {
        List<UsageEvent> out = new ArrayList<>();
        long t = BASE.toEpochMilli();
        for (int i = 0; i < 2_000; i++) {
            t += r.nextInt(120_000);
            // now and then a row that started long before it was written
            long at = r.nextInt(40) == 0 ? t - r.nextInt(3_600_000) : t;
            int status = r.nextInt(10) == 0 ? 500 : r.nextInt(12) == 0 ? 429 : 200;
            int attempt = r.nextInt(25) == 0 ? 0 : 1 + r.nextInt(2);
            out.add(new UsageEvent(null, Instant.ofEpochMilli(at), "rq_" + i, KEYS[r.nextInt(KEYS.length)],
                    PROVIDERS[r.nextInt(PROVIDERS.length)], "qwen2.5-coder-32b-instruct-q4_K_M", "chat-completions",
                    "chat-completions", attempt, r.nextInt(5) != 0, status, false, status != 200, r.nextBoolean(),
                    null, status == 200 ? null : "the provider answered " + status, r.nextBoolean() ? null
                    : (long) r.nextInt(5000), (long) r.nextInt(900), "user", null, r.nextInt(3000), null, List.of(),
                    false));
        }
        return out;
    }

    private static List<UsageLog.OverviewRow> scan(List<UsageEvent> rows, Instant start, Instant end, boolean byKey) {
        Map<LocalDate, Map<String, long[]>> days = new TreeMap<>();
        for (UsageEvent e : rows) {
            if (!e.isFinalAttempt() || e.attemptNumber() < 1 || e.eventTime().isBefore(start)
                    || !e.eventTime().isBefore(end)) {
                continue;
            }
            long[] s = days.computeIfAbsent(LocalDate.ofInstant(e.eventTime(), ZoneOffset.UTC), d -> new TreeMap<>(
                    Comparator.nullsFirst(Comparator.<String>naturalOrder())))
                    .computeIfAbsent(byKey ? e.accessKeyId() : e.provider(), g -> new long[4]);
            s[0]++;
            s[1] += e.isError() ? 1 : 0;
            s[2] += e.inputTokens() == null ? 0 : e.inputTokens();
            s[3] += e.outputTokens() == null ? 0 : e.outputTokens();
        }
        List<UsageLog.OverviewRow> out = new ArrayList<>();
        days.forEach((day, groups) -> groups.forEach((g, s) ->
                out.add(new UsageLog.OverviewRow(day, g, s[0], s[1], s[2], s[3]))));
        return out;
    }

    private static List<String> pageScan(List<UsageEvent> rows, Instant start, Instant end, String key,
                                         Integer statusClass) {
        List<String> ids = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0; i--) {
            UsageEvent e = rows.get(i);
            if (!e.eventTime().isBefore(start) && e.eventTime().isBefore(end) && (key == null
                    || key.equals(e.accessKeyId())) && (statusClass == null || e.statusCode() / 100 == statusClass)) {
                ids.add(e.requestId());
            }
        }
        return ids;
    }

    private static List<String> pages(UsageLog log, UsageLog.UsageQuery q) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            UsageLog.Page page = log.query(q, 61, cursor);
            page.events().forEach(e -> ids.add(e.requestId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    private static void check(UsageLog log, List<UsageEvent> rows, Random r) {
        Instant first = rows.get(0).eventTime().minusSeconds(4000);
        long span = Duration.between(first, rows.get(rows.size() - 1).eventTime()).toMillis() + 10_000;
        for (int i = 0; i < 20; i++) {
            Instant start = first.plusMillis((long) (r.nextDouble() * span));
            Instant end = i % 3 == 0 ? start.plusMillis(r.nextInt(90_000) + 1)
                    : start.plusMillis((long) (r.nextDouble() * span) + 1);
            for (String column : new String[] {"provider", "access_key_id"}) {
                assertThat(log.overview(start, end, column)).as("%s %s..%s", column, start, end)
                        .containsExactlyElementsOf(scan(rows, start, end, column.equals("access_key_id")));
            }
            String key = i % 2 == 0 ? null : KEYS[i % KEYS.length];
            Integer cls = i % 5 == 0 ? Integer.valueOf(5) : i % 5 == 1 ? Integer.valueOf(2) : null;
            assertThat(pages(log, new UsageLog.UsageQuery(start, end, key, null, cls, true, false)))
                    .as("page %s..%s key %s class %s", start, end, key, cls)
                    .containsExactlyElementsOf(pageScan(rows, start, end, key, cls));
        }
    }

    @Test
    void overviewsAndTimeRangesMatchAScanOfTheRowsAlsoAfterPruning() {
        Random r = new Random(22);
        List<UsageEvent> rows = events(r);
        try (UsageLog log = UsageLog.open(dir)) {
            for (int i = 0; i < rows.size(); i += 500) {
                log.append(rows.subList(i, Math.min(rows.size(), i + 500)));
            }
            check(log, rows, r);

            Instant cutoff = rows.get(rows.size() / 2).eventTime().plusMillis(333);
            int pruned = 0;
            int step;
            do {
                step = log.pruneBefore(cutoff, 100);
                pruned += step;
            } while (step == 100);
            List<UsageEvent> kept = rows.stream().filter(e -> !e.eventTime().isBefore(cutoff))
                    .collect(Collectors.toList());
            assertThat(pruned).isEqualTo(rows.size() - kept.size());
            assertThat(log.count()).isEqualTo(kept.size());
            check(log, kept, r);
            assertThat(Objects.requireNonNull(log.overview(BASE, cutoff, "provider"))).isEmpty();
        }
    }
}
