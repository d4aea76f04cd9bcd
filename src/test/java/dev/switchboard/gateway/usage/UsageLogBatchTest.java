package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.UsageEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link UsageLog#append} and {@link UsageLog#pruneBefore} work a few rows at a time, yet a batch is written all or none. */
class UsageLogBatchTest {
    private static final int CHUNK = UsageLog.ROWS_PER_YIELD;

    @TempDir
    Path dir;

    private static UsageEvent event(String id, String requestId) {
        return event(id, requestId, Instant.now());
    }

    private static UsageEvent event(String id, String requestId, Instant at) {
        return new UsageEvent(id, at, requestId, "aigk_1", "p", "m", "chat-completions",
                "chat-completions", 1, true, 200, false, false, false, "stop", null, 1L, 2L, "user", null, 5, 1L,
                List.of(), false);
    }

    private static List<UsageEvent> batch(String prefix, int size) {
        return IntStream.range(0, size).mapToObj(i -> event(null, prefix + i)).toList();
    }

    private static List<String> requestIds(UsageLog log) {
        UsageLog.UsageQuery all = new UsageLog.UsageQuery(null, null, null, null, null, true, false);
        return log.query(all, 10_000, null).events().stream().map(UsageEvent::requestId).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 1, 500})
    void everyRowOfABatchIsWrittenWhateverItsSizeAgainstTheChunks(int size) {
        try (UsageLog log = UsageLog.open(dir)) {
            log.append(batch("rq_", size));
            assertThat(log.count()).isEqualTo(size);
            assertThat(requestIds(log)).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, size).mapToObj(i -> "rq_" + i).toList());
        }
    }

    @Test
    void aRowThatFailsAfterEarlierChunksWereInsertedUndoesTheWholeBatch() {
        try (UsageLog log = UsageLog.open(dir)) {
            log.append(List.of(event(null, "rq_before")));
            List<UsageEvent> events = new ArrayList<>();
            for (int i = 0; i < 2 * CHUNK + 5; i++) {
                events.add(event("aigu_dup" + i, "rq_bad" + i));
            }
            // the last row repeats the first one's id: the unique index refuses it, two chunks later
            events.add(event("aigu_dup0", "rq_bad_last"));
            assertThatThrownBy(() -> log.append(events)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not write " + events.size() + " usage events");
            assertThat(requestIds(log)).containsExactly("rq_before");
            // the connection is back in auto-commit with nothing pending: the next batch is written as usual
            log.append(batch("rq_after", CHUNK + 1));
            assertThat(log.count()).isEqualTo(CHUNK + 2);
        }
    }

    @Test
    void pruningDeletesAtMostTheGivenNumberOfOldRowsAndNeverANewerOne() {
        Instant now = Instant.now();
        Instant cutoff = now.minus(Duration.ofDays(30));
        try (UsageLog log = UsageLog.open(dir)) {
            List<UsageEvent> events = new ArrayList<>();
            int old = 3 * CHUNK;
            for (int i = 0; i < old; i++) {
                events.add(event(null, "rq_old" + i, now.minus(Duration.ofDays(40))));
            }
            events.add(event(null, "rq_at_cutoff", cutoff));
            for (int i = 0; i < 5; i++) {
                events.add(event(null, "rq_new" + i, now));
            }
            log.append(events);
            assertThat(log.pruneBefore(cutoff, 2 * CHUNK + 3)).isEqualTo(2 * CHUNK + 3);
            assertThat(log.count()).isEqualTo(old + 6 - (2 * CHUNK + 3));
            assertThat(log.pruneBefore(cutoff, 10 * CHUNK)).isEqualTo(old - (2 * CHUNK + 3));
            assertThat(log.pruneBefore(cutoff, 10 * CHUNK)).isZero();
            assertThat(requestIds(log)).containsExactlyInAnyOrder("rq_at_cutoff", "rq_new0", "rq_new1", "rq_new2",
                    "rq_new3", "rq_new4");
        }
    }
}
