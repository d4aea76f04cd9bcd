package dev.switchboard.gateway.usage;

import dev.switchboard.api.UsageEvent;
import dev.switchboard.gateway.store.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The request log: one row per upstream attempt (and one per request refused before any attempt),
 * in its own SQLite file beside the configuration database, so that a busy log never holds up a
 * control-plane write and can be pruned on its own. No prompt or completion text, no secrets.
 */
public final class UsageLog implements AutoCloseable {
    public static final String FILE_NAME = "usage.db";
    private static final int SCHEMA_VERSION = 2;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Rows {@link #append} inserts between two {@link Thread#yield()}s. A batch of a few hundred rows is
     * milliseconds of CPU (sqlite-jdbc binds each column over JNI), and run in one go it kept the relay's
     * threads, when woken on the same core, waiting for all of it: on 2 cores at concurrency 1 that was
     * most of the gateway's latency tail (p99 ~2 ms in one go, ~0.6 ms with a yield every 16 rows).
     */
    static final int ROWS_PER_YIELD = 16;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private UsageLog(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) {@code <dataDir>/usage.db}. */
    public static UsageLog open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                PrivateFiles.createFile(file);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
                st.execute("PRAGMA busy_timeout = 5000");
                int version;
                try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                if (version > SCHEMA_VERSION) {
                    c.close();
                    throw new IllegalStateException("the usage log at " + file + " is at schema version " + version
                            + ", newer than this Switchboard understands (" + SCHEMA_VERSION + ")");
                }
                if (version < 1) {
                    // one transaction, so a crash mid-way never leaves a table without its version (which the
                    // next start would try to create again and fail on)
                    c.setAutoCommit(false);
                    st.execute("""
                            CREATE TABLE usage_events (
                              seq INTEGER PRIMARY KEY AUTOINCREMENT,
                              id TEXT NOT NULL UNIQUE,
                              event_time INTEGER NOT NULL,
                              request_id TEXT NOT NULL,
                              access_key_id TEXT,
                              provider TEXT,
                              model TEXT,
                              surface TEXT,
                              client_surface TEXT,
                              attempt_number INTEGER NOT NULL,
                              is_final INTEGER NOT NULL,
                              status_code INTEGER NOT NULL,
                              timed_out INTEGER NOT NULL,
                              is_error INTEGER NOT NULL,
                              is_streaming INTEGER NOT NULL,
                              stop_reason TEXT,
                              error TEXT,
                              input_tokens INTEGER,
                              output_tokens INTEGER,
                              key_source TEXT,
                              provider_key_id TEXT,
                              latency_ms INTEGER NOT NULL,
                              ttft_ms INTEGER,
                              dropped_params TEXT)""");
                    st.execute("CREATE INDEX usage_by_time ON usage_events (event_time, seq)");
                    st.execute("CREATE INDEX usage_by_key ON usage_events (access_key_id, event_time)");
                    st.execute("ALTER TABLE usage_events ADD COLUMN stopped INTEGER NOT NULL DEFAULT 0");
                    st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                    c.commit();
                    c.setAutoCommit(true);
                } else if (version < 2) {
                    // version 2: whether the client ended the request (hung up, stopped a stream)
                    c.setAutoCommit(false);
                    st.execute("ALTER TABLE usage_events ADD COLUMN stopped INTEGER NOT NULL DEFAULT 0");
                    st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                    c.commit();
                    c.setAutoCommit(true);
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return new UsageLog(file, c);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("could not open the usage log " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Appends the events in one transaction (all or none), {@value #ROWS_PER_YIELD} rows at a time with
     * the CPU yielded in between, so that a large batch never holds a core the relay needs.
     */
    public void append(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        inTransaction("write " + events.size() + " usage events", """
                INSERT INTO usage_events (id, event_time, request_id, access_key_id, provider, model, surface,
                  client_surface, attempt_number, is_final, status_code, timed_out, is_error, is_streaming,
                  stop_reason, error, input_tokens, output_tokens, key_source, provider_key_id, latency_ms,
                  ttft_ms, dropped_params, stopped)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", ps -> {
            int rows = 0;
            for (UsageEvent e : events) {
                if (rows > 0 && rows % ROWS_PER_YIELD == 0) {
                    ps.executeBatch();
                    Thread.yield();
                }
                rows++;
                int i = 1;
                ps.setString(i++, e.id() != null ? e.id() : newId());
                ps.setLong(i++, e.eventTime().toEpochMilli());
                ps.setString(i++, e.requestId());
                ps.setString(i++, e.accessKeyId());
                ps.setString(i++, e.provider());
                ps.setString(i++, e.model());
                ps.setString(i++, e.surface());
                ps.setString(i++, e.clientSurface());
                ps.setInt(i++, e.attemptNumber());
                ps.setInt(i++, e.isFinalAttempt() ? 1 : 0);
                ps.setInt(i++, e.statusCode());
                ps.setInt(i++, e.timedOut() ? 1 : 0);
                ps.setInt(i++, e.isError() ? 1 : 0);
                ps.setInt(i++, e.isStreaming() ? 1 : 0);
                ps.setString(i++, e.stopReason());
                ps.setString(i++, e.error());
                setLong(ps, i++, e.inputTokens());
                setLong(ps, i++, e.outputTokens());
                ps.setString(i++, e.keySource());
                ps.setString(i++, e.providerKeyId());
                ps.setLong(i++, e.latencyMs());
                setLong(ps, i++, e.ttftMs());
                ps.setString(i++, e.droppedParams().isEmpty() ? null : String.join(",", e.droppedParams()));
                ps.setInt(i, e.stopped() ? 1 : 0);
                ps.addBatch();
            }
            ps.executeBatch();
            return rows;
        });
    }

    /**
     * Deletes up to {@code max} events older than {@code cutoff}, in one transaction, {@value #ROWS_PER_YIELD}
     * rows per statement with the CPU yielded in between (as {@link #append} does); returns how many. A
     * return of {@code max} means there may be more: call again (the recorder does, between its writes),
     * so that a large backlog never stops the log for seconds.
     */
    public int pruneBefore(Instant cutoff, int max) {
        return inTransaction("prune the usage log", "DELETE FROM usage_events WHERE seq IN"
                + " (SELECT seq FROM usage_events WHERE event_time < ? LIMIT ?)", ps -> {
            int deleted = 0;
            while (deleted < max) {
                ps.setLong(1, cutoff.toEpochMilli());
                ps.setInt(2, Math.min(ROWS_PER_YIELD, max - deleted));
                int n = ps.executeUpdate();
                deleted += n;
                if (n < ROWS_PER_YIELD) {
                    break;
                }
                Thread.yield();
            }
            return deleted;
        });
    }

    /** Work on one prepared statement that {@link #inTransaction} runs. */
    private interface StatementWork {
        int run(PreparedStatement ps) throws SQLException;
    }

    /**
     * Runs {@code work} on {@code sql} in one transaction under the lock: committed when it returns,
     * rolled back when it throws, auto-commit restored either way; failures say "could not {@code what}".
     */
    private int inTransaction(String what, String sql, StatementWork work) {
        lock.lock();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            try {
                int result = work.run(ps);
                connection.commit();
                return result;
            } catch (SQLException ex) {
                connection.rollback();
                throw ex;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not " + what + ": " + ex.getMessage(), ex);
        } finally {
            lock.unlock();
        }
    }

    /**
     * One page of events, newest first. {@code cursor} is the opaque position the previous page
     * ended at (null for the first page).
     */
    public Page query(UsageQuery q, int limit, String cursor) {
        StringBuilder sql = new StringBuilder("SELECT * FROM usage_events WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.startTime() != null) {
            sql.append(" AND event_time >= ?");
            args.add(q.startTime().toEpochMilli());
        }
        if (q.endTime() != null) {
            sql.append(" AND event_time < ?");
            args.add(q.endTime().toEpochMilli());
        }
        if (q.accessKeyId() != null) {
            sql.append(" AND access_key_id = ?");
            args.add(q.accessKeyId());
        }
        if (q.provider() != null) {
            sql.append(" AND provider = ?");
            args.add(q.provider());
        }
        if (q.statusClass() != null) {
            sql.append(" AND status_code >= ? AND status_code < ?");
            args.add(q.statusClass() * 100);
            args.add(q.statusClass() * 100 + 100);
        }
        if (!q.includeRetries()) {
            sql.append(" AND is_final = 1");
        }
        if (q.attemptsOnly()) {
            sql.append(" AND attempt_number >= 1");
        }
        if (cursor != null) {
            sql.append(" AND seq < ?");
            args.add(Long.parseLong(cursor));
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(limit + 1);
        lock.lock();
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<UsageEvent> events = new ArrayList<>();
            long lastSeq = -1;
            boolean more = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (events.size() == limit) {
                        more = true;
                        break;
                    }
                    lastSeq = rs.getLong("seq");
                    events.add(read(rs));
                }
            }
            return new Page(events, more ? Long.toString(lastSeq) : null);
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read the usage log: " + ex.getMessage(), ex);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Daily buckets (UTC) of requests (final upstream attempts; refusals before any attempt are not
     * counted) and errors, grouped by provider or access key, oldest day first.
     */
    public List<OverviewRow> overview(Instant start, Instant end, String groupColumn) {
        if (!groupColumn.equals("provider") && !groupColumn.equals("access_key_id")) {
            throw new IllegalArgumentException("groupColumn");
        }
        String sql = "SELECT (event_time / 86400000) AS day, " + groupColumn + " AS grp, COUNT(*) AS requests,"
                + " SUM(is_error) AS errors, SUM(COALESCE(input_tokens, 0)) AS tin,"
                + " SUM(COALESCE(output_tokens, 0)) AS tout"
                + " FROM usage_events WHERE is_final = 1 AND attempt_number >= 1 AND event_time >= ? AND event_time < ?"
                + " GROUP BY day, grp ORDER BY day, grp";
        lock.lock();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, start.toEpochMilli());
            ps.setLong(2, end.toEpochMilli());
            List<OverviewRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OverviewRow(LocalDate.ofEpochDay(rs.getLong("day")), rs.getString("grp"),
                            rs.getLong("requests"), rs.getLong("errors"), rs.getLong("tin"), rs.getLong("tout")));
                }
            }
            return rows;
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read the usage log: " + ex.getMessage(), ex);
        } finally {
            lock.unlock();
        }
    }

    /** How many events the log holds (for tests and diagnostics). */
    public long count() {
        lock.lock();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM usage_events")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException ex) {
            throw new IllegalStateException("could not count the usage log: " + ex.getMessage(), ex);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing: nothing left to do with it
        } finally {
            lock.unlock();
        }
    }

    /**
     * A new event id: the time in milliseconds, then 8 random bytes. Time-ordered, so the unique index on
     * {@code id} grows at its end like the others; random ids scattered each batch's inserts over the whole
     * index, and every commit rewrote hundreds of its pages (the writer's CPU, and the relay's latency tail).
     */
    static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return "aigu_" + String.format("%012x", System.currentTimeMillis()) + HexFormat.of().formatHex(b);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, java.sql.Types.INTEGER);
        } else {
            ps.setLong(i, v);
        }
    }

    private static Long getLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static UsageEvent read(ResultSet rs) throws SQLException {
        String dropped = rs.getString("dropped_params");
        return new UsageEvent(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("event_time")),
                rs.getString("request_id"), rs.getString("access_key_id"), rs.getString("provider"),
                rs.getString("model"), rs.getString("surface"), rs.getString("client_surface"),
                rs.getInt("attempt_number"), rs.getInt("is_final") == 1, rs.getInt("status_code"),
                rs.getInt("timed_out") == 1, rs.getInt("is_error") == 1, rs.getInt("is_streaming") == 1,
                rs.getString("stop_reason"), rs.getString("error"), getLong(rs, "input_tokens"),
                getLong(rs, "output_tokens"), rs.getString("key_source"), rs.getString("provider_key_id"),
                rs.getLong("latency_ms"), getLong(rs, "ttft_ms"),
                dropped == null ? List.of() : List.of(dropped.split(",")), rs.getInt("stopped") == 1);
    }

    /** A page of events and the cursor of the next one (null on the last page). */
    public record Page(List<UsageEvent> events, String nextCursor) {
    }

    /** One day × group of the overview. */
    public record OverviewRow(LocalDate day, String group, long requests, long errors, long inputTokens,
                              long outputTokens) {
    }

    /** Filters of {@code GET /usage}; nulls are unrestricted. {@code statusClass} is 2, 4 or 5. */
    public record UsageQuery(Instant startTime, Instant endTime, String accessKeyId, String provider,
                             Integer statusClass, boolean includeRetries, boolean attemptsOnly) {
    }
}
