package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.UsageEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageRecorderTest {
    @TempDir
    Path dir;

    private static UsageEvent event(Instant at, String requestId) {
        return new UsageEvent(null, at, requestId, "aigk_1", "p", "m", "chat-completions", "chat-completions", 1, true,
                200, false, false, false, "stop", null, 1L, 2L, "user", null, 5, 1L, List.of(), false);
    }

    private static UsageLog.UsageQuery all() {
        return new UsageLog.UsageQuery(null, null, null, null, null, true, false);
    }

    @Test
    void eventIdsAreUniqueAndGrowWithTime() throws Exception {
        try (UsageLog log = UsageLog.open(dir)) {
            Instant t0 = Instant.now();
            List<UsageEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                events.add(event(t0, "rq_" + i));
            }
            log.append(events);
            log.append(List.of(event(t0.plusMillis(5), "rq_after")));
            List<String> ids = log.query(all(), 5_000, null).events().stream().map(UsageEvent::id).toList();
            assertThat(new java.util.HashSet<>(ids)).hasSize(2_001);
            assertThat(ids).allSatisfy(id -> assertThat(id).matches("aigu_[0-9a-f]{28}"));
            // newest first: the later row's id sorts after every earlier one
            assertThat(ids.get(0)).isGreaterThan(ids.get(1)).isGreaterThan(ids.get(ids.size() - 1));
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() {
        try (UsageLog log = UsageLog.open(dir);
             UsageRecorder recorder = new UsageRecorder(log, 4, Duration.ofDays(30), Clock.systemUTC())) {
            long start = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                recorder.record(event(Instant.now(), "rq_" + i));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(recorder.droppedEvents()).isPositive();
            assertThat(recorder.writtenEvents() + recorder.droppedEvents()).isEqualTo(20_000);
            assertThat(log.count()).isEqualTo(recorder.writtenEvents());
        }
    }

    @Test
    void eventsOlderThanTheRetentionArePruned() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        try (UsageLog log = UsageLog.open(dir)) {
            log.append(List.of(event(now.minus(Duration.ofDays(40)), "rq_old"),
                    event(now.minus(Duration.ofDays(1)), "rq_new")));
            try (UsageRecorder recorder = new UsageRecorder(log, 16, Duration.ofDays(30),
                    Clock.fixed(now, ZoneOffset.UTC))) {
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> log.count() == 1);
                assertThat(log.query(all(), 10, null).events()).extracting(UsageEvent::requestId)
                        .containsExactly("rq_new");
                assertThat(recorder.retention()).isEqualTo(Duration.ofDays(30));
            }
        }
    }

    @Test
    void aBacklogOfOldEventsLongerThanOnePruneStepIsDeletedStepByStep() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        int old = 2 * UsageRecorder.PRUNE_STEP + 500;
        try (UsageLog log = UsageLog.open(dir)) {
            List<UsageEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < old; i++) {
                events.add(event(now.minus(Duration.ofDays(31)), "rq_old" + i));
            }
            events.add(event(now.minus(Duration.ofDays(29)), "rq_kept"));
            log.append(events);
            try (UsageRecorder recorder = new UsageRecorder(log, 16, Duration.ofDays(30),
                    Clock.fixed(now, ZoneOffset.UTC))) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> log.count() == 1);
                assertThat(log.query(all(), 10, null).events()).extracting(UsageEvent::requestId)
                        .containsExactly("rq_kept");
                // and the log still takes events while and after it prunes
                recorder.record(event(now, "rq_after"));
                assertThat(recorder.flush(Duration.ofSeconds(5))).isTrue();
                assertThat(log.count()).isEqualTo(2);
            }
        }
    }

    @Test
    void eventsSurviveReopeningTheLog() {
        try (UsageLog log = UsageLog.open(dir);
             UsageRecorder recorder = new UsageRecorder(log, 16, Duration.ofDays(30), Clock.systemUTC())) {
            recorder.record(event(Instant.now(), "rq_kept"));
            assertThat(recorder.flush(Duration.ofSeconds(5))).isTrue();
        }
        try (UsageLog again = UsageLog.open(dir)) {
            assertThat(again.query(all(), 10, null).events()).extracting(UsageEvent::requestId)
                    .containsExactly("rq_kept");
        }
    }

    @Test
    void retentionComesFromTheEnvironmentWhenValid() {
        assertThat(UsageRecorder.retentionFromEnvironment(null)).isEqualTo(Duration.ofDays(30));
        assertThat(UsageRecorder.retentionFromEnvironment("7")).isEqualTo(Duration.ofDays(7));
        assertThat(UsageRecorder.retentionFromEnvironment("0")).isEqualTo(Duration.ofDays(30));
        assertThat(UsageRecorder.retentionFromEnvironment("a week")).isEqualTo(Duration.ofDays(30));
    }
}
