package dev.switchboard.gateway.usage;

import dev.switchboard.api.PrivateFiles;
import dev.switchboard.api.UsageEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The request log: one row per upstream attempt (and one per request refused before any attempt),
 * in its own SQLite file beside the configuration database, so that a busy log never holds up a
 * control-plane write and can be pruned on its own. No prompt or completion text, no secrets.
 * Written on one connection, read on another (WAL: a query never waits for a write, nor a write for a query).
 */
public final class UsageLog implements AutoCloseable {
    public static final String FILE_NAME = "usage.db";
    /**
     * Rows {@link #append} inserts between two {@link Thread#yield()}s. A batch of a few hundred rows is
     * milliseconds of CPU, and run in one go it kept the relay's threads, when woken on the same core, waiting
     * for all of it: on 2 cores at concurrency 1 that was most of the gateway's latency tail.
     */
    static final int ROWS_PER_YIELD = 16;
    /**
     * Rows {@link #pruneBefore} deletes per transaction, with the CPU yielded in between, so that the write lock
     * is held only for short steps and a large backlog never holds a core the relay needs.
     */
    static final int PRUNE_ROWS = 250;
    private static final String INSERT = "INSERT INTO events (seq, t, rq, ak, pv, md, sf, cs, att, flags, st, sr,"
            + " er, tin, tout, ks, pk, lat, ttft, dp, xid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final UsageNames names;
    private final UsageQueries queries;
    private long nextSeq;
    private boolean closed;

    private UsageLog(Path file, Connection writer, Connection reader) throws SQLException {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        this.names = new UsageNames(writer);
        this.queries = new UsageQueries(names);
        try (Statement st = writer.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(seq) FROM events")) {
            nextSeq = rs.next() ? rs.getLong(1) + 1 : 1;
        }
    }

    /** Opens (creating or migrating if needed) {@code <dataDir>/usage.db}. */
    public static UsageLog open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        List<Connection> opened = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                PrivateFiles.createFile(file);
            }
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            Connection w = DriverManager.getConnection(url);
            opened.add(w);
            try (Statement st = w.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                UsageSchema.prepare(w, file.toString());
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
            }
            Connection r = DriverManager.getConnection(url);
            opened.add(r);
            try (Statement st = r.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                st.execute("PRAGMA query_only = 1");
            }
            return new UsageLog(file, w, r);
        } catch (SQLException | RuntimeException | java.io.IOException e) {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (e instanceof IllegalStateException ise && ise.getCause() == null) {
                throw ise;
            }
            throw new IllegalStateException("could not open the usage log " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Appends the events in one transaction (all or none), with the summaries they add to, {@value #ROWS_PER_YIELD}
     * rows at a time with the CPU yielded in between.
     */
    public void append(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        writeLock.lock();
        long firstSeq = nextSeq;
        try {
            Set<String> strings = new HashSet<>();
            for (UsageEvent e : events) {
                strings.add(e.accessKeyId());
                strings.add(e.provider());
                strings.add(e.model());
                strings.add(e.surface());
                strings.add(e.clientSurface());
                strings.add(e.stopReason());
                strings.add(e.error());
                strings.add(e.keySource());
                strings.add(e.providerKeyId());
                strings.add(dropped(e));
            }
            names.define(writer, strings);
            inTransaction(() -> {
                UsageRollups.Delta delta = new UsageRollups.Delta();
                try (PreparedStatement ps = writer.prepareStatement(INSERT)) {
                    int rows = 0;
                    for (UsageEvent e : events) {
                        if (rows > 0 && rows % ROWS_PER_YIELD == 0) {
                            ps.executeBatch();
                            Thread.yield();
                        }
                        rows++;
                        long seq = nextSeq++;
                        int flags = UsageQueries.flags(e);
                        bind(ps, e, seq, flags);
                        ps.addBatch();
                        delta.add(e.eventTime().toEpochMilli(), seq, id(e.accessKeyId()), id(e.provider()),
                                e.attemptNumber(), flags, orZero(e.inputTokens()), orZero(e.outputTokens()));
                    }
                    ps.executeBatch();
                }
                delta.apply(writer, 1);
                return events.size();
            });
        } catch (SQLException | RuntimeException ex) {
            nextSeq = firstSeq;
            throw new IllegalStateException("could not write " + events.size() + " usage events: " + ex.getMessage(),
                    ex);
        } finally {
            writeLock.unlock();
        }
    }

    private void bind(PreparedStatement ps, UsageEvent e, long seq, int flags) throws SQLException {
        int i = 1;
        ps.setLong(i++, seq);
        ps.setLong(i++, e.eventTime().toEpochMilli());
        ps.setObject(i++, UsageRowCodec.packRequestId(e.requestId()));
        for (String s : new String[] {e.accessKeyId(), e.provider(), e.model(), e.surface(), e.clientSurface()}) {
            setName(ps, i++, s);
        }
        ps.setInt(i++, e.attemptNumber());
        ps.setInt(i++, flags);
        ps.setInt(i++, e.statusCode());
        setName(ps, i++, e.stopReason());
        setName(ps, i++, e.error());
        setLong(ps, i++, e.inputTokens());
        setLong(ps, i++, e.outputTokens());
        setName(ps, i++, e.keySource());
        setName(ps, i++, e.providerKeyId());
        ps.setLong(i++, e.latencyMs());
        setLong(ps, i++, e.ttftMs());
        setName(ps, i++, dropped(e));
        ps.setString(i, e.id());
    }

    private static String dropped(UsageEvent e) {
        return e.droppedParams().isEmpty() ? null : String.join(",", e.droppedParams());
    }

    private int id(String name) {
        Integer id = names.find(name);
        return id == null ? 0 : id;
    }

    private void setName(PreparedStatement ps, int i, String name) throws SQLException {
        Integer id = names.find(name);
        if (id == null) {
            ps.setNull(i, java.sql.Types.INTEGER);
        } else {
            ps.setInt(i, id);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, java.sql.Types.INTEGER);
        } else {
            ps.setLong(i, v);
        }
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    /**
     * Deletes up to {@code max} events older than {@code cutoff} and takes them out of the summaries; returns
     * how many. Each {@value #PRUNE_ROWS} rows are one short transaction (the write lock is never held for
     * longer), with the CPU yielded in between. A return of {@code max} means there may be more: call again (the
     * recorder does, between its writes), so that a large backlog never stops the log for seconds.
     */
    public int pruneBefore(Instant cutoff, int max) {
        int deleted = 0;
        while (deleted < max) {
            int want = Math.min(PRUNE_ROWS, max - deleted);
            int n = pruneStep(cutoff.toEpochMilli(), want);
            deleted += n;
            if (n < want) {
                break;
            }
            Thread.yield();
        }
        return deleted;
    }

    private int pruneStep(long cutoff, int limit) {
        writeLock.lock();
        try {
            return inTransaction(() -> {
                long[] range = UsageRollups.seqRange(writer, null, cutoff);
                if (range == null) {
                    return 0;
                }
                UsageRollups.Delta delta = new UsageRollups.Delta();
                long first = -1;
                long last = -1;
                int n = 0;
                try (PreparedStatement ps = writer.prepareStatement("SELECT seq, t, ak, pv, att, flags, tin, tout"
                        + " FROM events WHERE seq <= ? AND t < ? ORDER BY seq LIMIT ?")) {
                    ps.setLong(1, range[1]);
                    ps.setLong(2, cutoff);
                    ps.setInt(3, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long seq = rs.getLong(1);
                            first = first < 0 ? seq : first;
                            last = seq;
                            n++;
                            delta.add(rs.getLong(2), seq, rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
                                    rs.getLong(7), rs.getLong(8));
                        }
                    }
                }
                if (n == 0) {
                    return 0;
                }
                try (PreparedStatement ps = writer.prepareStatement(
                        "DELETE FROM events WHERE seq BETWEEN ? AND ? AND t < ?")) {
                    ps.setLong(1, first);
                    ps.setLong(2, last);
                    ps.setLong(3, cutoff);
                    ps.executeUpdate();
                }
                delta.apply(writer, -1);
                try (PreparedStatement ps = writer.prepareStatement("DELETE FROM spans WHERE minute <= ?"
                        + " AND hi < COALESCE((SELECT MIN(seq) FROM events), ?)")) {
                    ps.setLong(1, Math.floorDiv(cutoff, 60_000L));
                    ps.setLong(2, nextSeq);
                    ps.executeUpdate();
                }
                return n;
            });
        } catch (SQLException ex) {
            throw new IllegalStateException("could not prune the usage log: " + ex.getMessage(), ex);
        } finally {
            writeLock.unlock();
        }
    }

    /** Work in one transaction on the writer. */
    private interface Work {
        int run() throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    private int inTransaction(Work work) throws SQLException {
        writer.setAutoCommit(false);
        try {
            int result = work.run();
            writer.commit();
            return result;
        } catch (SQLException | RuntimeException ex) {
            writer.rollback();
            throw ex;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    /**
     * One page of events, newest first. {@code cursor} is the opaque position the previous page
     * ended at (null for the first page).
     */
    public Page query(UsageQuery q, int limit, String cursor) {
        readLock.lock();
        try {
            return queries.page(reader, q, limit, cursor == null ? null : Long.parseLong(cursor));
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read the usage log: " + ex.getMessage(), ex);
        } finally {
            readLock.unlock();
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
        readLock.lock();
        try {
            Map<Long, Map<Integer, long[]>> days = UsageRollups.overview(reader, start.toEpochMilli(),
                    end.toEpochMilli(), groupColumn.equals("provider") ? 0 : 1);
            List<OverviewRow> rows = new ArrayList<>();
            days.forEach((day, groups) -> groups.entrySet().stream()
                    .map(g -> new OverviewRow(LocalDate.ofEpochDay(day), names.name(g.getKey()), g.getValue()[0],
                            g.getValue()[1], g.getValue()[2], g.getValue()[3]))
                    .filter(r -> r.requests() > 0)
                    .sorted(java.util.Comparator.comparing(OverviewRow::group,
                            java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
                    .forEach(rows::add));
            return rows;
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read the usage log: " + ex.getMessage(), ex);
        } finally {
            readLock.unlock();
        }
    }

    /** How many events the log holds (for tests and diagnostics). */
    public long count() {
        readLock.lock();
        try (Statement st = reader.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException ex) {
            throw new IllegalStateException("could not count the usage log: " + ex.getMessage(), ex);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            if (!closed) {
                closed = true;
                reader.close();
                writer.close();
            }
        } catch (SQLException ignored) {
            // closing: nothing left to do with it
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
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
