package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.UsageEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code usage.db} that the version before the compact schema wrote (schema 2) opens with every row kept. */
class UsageLogMigrationTest {
    private static final Instant T = Instant.parse("2026-11-24T23:59:30Z");

    @TempDir
    Path dir;

    /** The schema-2 log as 9223983's UsageLog created it, and rows as it wrote them. */
    private List<UsageEvent> writeVersion2Log() throws Exception {
        List<UsageEvent> rows = List.of(
                new UsageEvent("aigu_019ab6c1f0e2d5a1b2c3d4e5f6a7b8", T, "rq_0a1b2c3d4e5f6g7h8i9j0k1l2m",
                        "aigk_2Vt0PfWb1dD0gh2mLz9yQ4KxA7e", "my-workstation-vllm", "qwen2.5-coder-32b-instruct-q4_K_M",
                        "chat-completions", "messages", 1, false, 503, false, true, true, null, "the provider answered 503",
                        null, null, "user", "aigpk_31cR8mJt6UwPq0sEaZ5nXb2Yk4L", 120, null, List.of("logit_bias",
                        "seed"), false),
                new UsageEvent("aigu_019ab6c1f0e3a9b8c7d6e5f4a3b2c1", T.plusSeconds(1), "rq_0a1b2c3d4e5f6g7h8i9j0k1l2m",
                        "aigk_2Vt0PfWb1dD0gh2mLz9yQ4KxA7e", "my-workstation-vllm", "qwen2.5-coder-32b-instruct-q4_K_M",
                        "chat-completions", "messages", 2, true, 200, false, false, true, "end_turn", null, 812L, 64L,
                        "user", "aigpk_31cR8mJt6UwPq0sEaZ5nXb2Yk4L", 2400, 310L, List.of(), false),
                new UsageEvent("aigu_019ab6c1f0e4000000000000000001", T.plusSeconds(40), "legacy-request-7",
                        null, "openai", "gpt-4o-mini", null, "chat-completions", 0, true, 422, false, true, false,
                        null, "the model is not allowed", null, null, null, null, 0, null, List.of(), false),
                new UsageEvent("aigu_019ab6c1f0e5000000000000000002", T.plusSeconds(50), "rq_zz9yy8xx7ww6vv5uu4tt3ss2rr",
                        "aigk_9Qp2LmNb3vC4xZ5aS6dF7gH8jK1", "openai", "gpt-4o-mini", "chat-completions",
                        "chat-completions", 1, true, 200, false, false, true, "stop", AttemptRecord.CLIENT_STOPPED, 40L,
                        12L, "user", null, 900, 80L, List.of(), true));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(UsageLog.FILE_NAME));
             Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("""
                    CREATE TABLE usage_events (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, event_time INTEGER NOT NULL,
                      request_id TEXT NOT NULL, access_key_id TEXT, provider TEXT, model TEXT, surface TEXT,
                      client_surface TEXT, attempt_number INTEGER NOT NULL, is_final INTEGER NOT NULL,
                      status_code INTEGER NOT NULL, timed_out INTEGER NOT NULL, is_error INTEGER NOT NULL,
                      is_streaming INTEGER NOT NULL, stop_reason TEXT, error TEXT, input_tokens INTEGER,
                      output_tokens INTEGER, key_source TEXT, provider_key_id TEXT, latency_ms INTEGER NOT NULL,
                      ttft_ms INTEGER, dropped_params TEXT)""");
            st.execute("CREATE INDEX usage_by_time ON usage_events (event_time, seq)");
            st.execute("CREATE INDEX usage_by_key ON usage_events (access_key_id, event_time)");
            st.execute("ALTER TABLE usage_events ADD COLUMN stopped INTEGER NOT NULL DEFAULT 0");
            st.execute("PRAGMA user_version = 2");
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO usage_events (id, event_time, request_id, access_key_id, provider, model, surface,
                      client_surface, attempt_number, is_final, status_code, timed_out, is_error, is_streaming,
                      stop_reason, error, input_tokens, output_tokens, key_source, provider_key_id, latency_ms,
                      ttft_ms, dropped_params, stopped)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""")) {
                for (UsageEvent e : rows) {
                    Object[] v = {e.id(), e.eventTime().toEpochMilli(), e.requestId(), e.accessKeyId(), e.provider(),
                        e.model(), e.surface(), e.clientSurface(), e.attemptNumber(), e.isFinalAttempt() ? 1 : 0,
                        e.statusCode(), e.timedOut() ? 1 : 0, e.isError() ? 1 : 0, e.isStreaming() ? 1 : 0,
                        e.stopReason(), e.error(), e.inputTokens(), e.outputTokens(), e.keySource(),
                        e.providerKeyId(), e.latencyMs(), e.ttftMs(),
                        e.droppedParams().isEmpty() ? null : String.join(",", e.droppedParams()), e.stopped() ? 1 : 0};
                    for (int i = 0; i < v.length; i++) {
                        ps.setObject(i + 1, v[i]);
                    }
                    ps.executeUpdate();
                }
            }
        }
        return rows;
    }

    private static UsageLog.UsageQuery all() {
        return new UsageLog.UsageQuery(null, null, null, null, null, true, false);
    }

    @Test
    void everyRowOfAVersion2LogIsKeptWithItsIdAndTheSummariesCountThem() throws Exception {
        List<UsageEvent> old = writeVersion2Log();
        try (UsageLog log = UsageLog.open(dir)) {
            List<UsageEvent> read = log.query(all(), 100, null).events();
            List<UsageEvent> newestFirst = new ArrayList<>(old);
            java.util.Collections.reverse(newestFirst);
            assertThat(read).containsExactlyElementsOf(newestFirst);
            // the spans cover the old rows: a time range finds them
            assertThat(log.query(new UsageLog.UsageQuery(T.plusSeconds(30), T.plusSeconds(45), null, null, null, true,
                    false), 100, null).events()).extracting(UsageEvent::requestId).containsExactly("legacy-request-7");
            // the rollups count the old final attempts (attempt 0, a refusal, is not a request upstream)
            assertThat(log.overview(T.minusSeconds(3600), T.plusSeconds(3600), "provider")).containsExactly(
                    new UsageLog.OverviewRow(LocalDate.parse("2026-11-24"), "my-workstation-vllm", 1, 0, 812, 64),
                    new UsageLog.OverviewRow(LocalDate.parse("2026-11-25"), "openai", 1, 0, 40, 12));
            // new rows follow the old ones, and the old table is gone
            UsageEvent next = new UsageEvent(null, T.plusSeconds(60), "rq_aaaabbbbccccddddeeeeffff00",
                    "aigk_9Qp2LmNb3vC4xZ5aS6dF7gH8jK1", "openai", "gpt-4.1", "responses", "responses", 1, true, 200,
                    false, false, false, "stop", null, 5L, 6L, "user", null, 300, null, List.of(), false);
            log.append(List.of(next));
            List<UsageEvent> after = log.query(all(), 100, null).events();
            assertThat(after).hasSize(5);
            assertThat(after.get(0).requestId()).isEqualTo(next.requestId());
            assertThat(after.get(0).id()).matches("aigu_[0-9a-f]{28}").isNotIn(old.stream().map(UsageEvent::id).toList());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(UsageLog.FILE_NAME));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'usage_events'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        // opened again: nothing migrates twice
        try (UsageLog log = UsageLog.open(dir)) {
            assertThat(log.count()).isEqualTo(5);
        }
    }
}
