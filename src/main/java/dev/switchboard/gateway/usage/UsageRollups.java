package dev.switchboard.gateway.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request log's summaries, kept as rows are written and pruned (never by scanning the log): per-minute seq
 * spans, which turn a time range into a range of rows; and per ten minutes, hour and day, the final attempts'
 * requests, errors and tokens by provider and by access key, from which {@link #overview} adds up any time range,
 * reading the log itself only for the partial ten minutes at its ends (per-minute rollups cost more to write,
 * store and prune than those two short scans save).
 */
final class UsageRollups {
    /** Bucket sizes in milliseconds: ten minutes, hour, day (UTC). */
    static final long[] SIZES = {600_000L, 3_600_000L, 86_400_000L};
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;

    /** What a batch of rows adds to (or, pruned, takes from) the summaries. */
    static final class Delta {
        private final Map<Long, long[]> spans = new HashMap<>();
        private final Map<Key, long[]> sums = new HashMap<>();

        /** One row: its time, seq, access-key and provider name ids (0 when none), attempt, flags and tokens. */
        void add(long t, long seq, int ak, int pv, int att, int flags, long tin, long tout) {
            long[] span = spans.computeIfAbsent(Math.floorDiv(t, MINUTE), m -> new long[] {seq, seq});
            span[0] = Math.min(span[0], seq);
            span[1] = Math.max(span[1], seq);
            if ((flags & UsageSchema.FINAL) == 0 || att < 1) {
                return;
            }
            long error = (flags & UsageSchema.ERROR) != 0 ? 1 : 0;
            long bucket = Math.floorDiv(t, SIZES[0]);
            for (int kind = 0; kind < 2; kind++) {
                long[] s = sums.computeIfAbsent(new Key(0, kind, bucket, kind == 0 ? pv : ak), k -> new long[4]);
                s[0]++;
                s[1] += error;
                s[2] += tin;
                s[3] += tout;
            }
        }

        /** The ten minutes' sums, and the hours' and days' they add up to. */
        private Map<Key, long[]> allSizes() {
            Map<Key, long[]> all = new HashMap<>(sums);
            for (Map.Entry<Key, long[]> e : sums.entrySet()) {
                Key k = e.getKey();
                for (int size = 1; size < SIZES.length; size++) {
                    long bucket = Math.floorDiv(k.bucket * SIZES[0], SIZES[size]);
                    long[] s = all.computeIfAbsent(new Key(size, k.kind, bucket, k.group), x -> new long[4]);
                    for (int i = 0; i < 4; i++) {
                        s[i] += e.getValue()[i];
                    }
                }
            }
            return all;
        }

        /** Writes what was added (sign 1) or takes away what was pruned (sign -1); in the caller's transaction. */
        void apply(Connection c, int sign) throws SQLException {
            if (sign > 0 && !spans.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO spans (minute, lo, hi) VALUES (?,?,?)"
                        + " ON CONFLICT (minute) DO UPDATE SET lo = MIN(lo, excluded.lo), hi = MAX(hi, excluded.hi)")) {
                    for (Map.Entry<Long, long[]> e : spans.entrySet()) {
                        ps.setLong(1, e.getKey());
                        ps.setLong(2, e.getValue()[0]);
                        ps.setLong(3, e.getValue()[1]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (sums.isEmpty()) {
                return;
            }
            Map<Key, long[]> all = allSizes();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollups VALUES (?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (size, kind, bucket, grp) DO UPDATE SET requests = requests + excluded.requests,"
                    + " errors = errors + excluded.errors, tin = tin + excluded.tin, tout = tout + excluded.tout")) {
                for (Map.Entry<Key, long[]> e : all.entrySet()) {
                    Key k = e.getKey();
                    ps.setInt(1, k.size);
                    ps.setInt(2, k.kind);
                    ps.setLong(3, k.bucket);
                    ps.setInt(4, k.group);
                    for (int i = 0; i < 4; i++) {
                        ps.setLong(5 + i, sign * e.getValue()[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (sign < 0) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM rollups WHERE size = ? AND kind = ?"
                        + " AND bucket = ? AND grp = ? AND requests <= 0")) {
                    for (Key k : all.keySet()) {
                        ps.setInt(1, k.size);
                        ps.setInt(2, k.kind);
                        ps.setLong(3, k.bucket);
                        ps.setInt(4, k.group);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        }
    }

    private record Key(int size, int kind, long bucket, int group) {
    }

    private UsageRollups() {
    }

    /**
     * The final attempts in [{@code start}, {@code end}) (epoch ms) per UTC day and group id (0: none), each
     * {requests, errors, input tokens, output tokens}: whole days, hours and ten minutes from the rollups, the
     * partial ten minutes at the ends from the log.
     */
    static Map<Long, Map<Integer, long[]>> overview(Connection c, long start, long end, int kind) throws SQLException {
        Map<Long, Map<Integer, long[]>> days = new TreeMap<>();
        add(c, days, start, end, SIZES.length - 1, kind);
        return days;
    }

    private static void add(Connection c, Map<Long, Map<Integer, long[]>> days, long start, long end, int level,
                            int kind) throws SQLException {
        if (start >= end) {
            return;
        }
        if (level < 0) {
            raw(c, days, start, end, kind);
            return;
        }
        long size = SIZES[level];
        long first = Math.floorDiv(start + size - 1, size);
        long last = Math.floorDiv(end, size);
        if (first >= last) {
            add(c, days, start, end, level - 1, kind);
            return;
        }
        add(c, days, start, first * size, level - 1, kind);
        try (PreparedStatement ps = c.prepareStatement("SELECT bucket, grp, requests, errors, tin, tout FROM rollups"
                + " WHERE size = ? AND kind = ? AND bucket >= ? AND bucket < ?")) {
            ps.setInt(1, level);
            ps.setInt(2, kind);
            ps.setLong(3, first);
            ps.setLong(4, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] s = days.computeIfAbsent(Math.floorDiv(rs.getLong(1) * size, DAY), d -> new HashMap<>())
                            .computeIfAbsent(rs.getInt(2), g -> new long[4]);
                    for (int i = 0; i < 4; i++) {
                        s[i] += rs.getLong(3 + i);
                    }
                }
            }
        }
        add(c, days, last * size, end, level - 1, kind);
    }

    /** Less than ten minutes' worth (perhaps across a bucket's end), from the log: within those minutes' spans. */
    private static void raw(Connection c, Map<Long, Map<Integer, long[]>> days, long start, long end, int kind)
            throws SQLException {
        long[] range = seqRange(c, start, end);
        if (range == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + (kind == 0 ? "pv" : "ak") + ", COUNT(*),"
                + " SUM((flags & 4) / 4), SUM(COALESCE(tin, 0)), SUM(COALESCE(tout, 0)), t / " + DAY + " FROM events"
                + " WHERE seq BETWEEN ? AND ? AND t >= ? AND t < ? AND flags & 1 = 1 AND att >= 1 GROUP BY 1, 6")) {
            ps.setLong(1, range[0]);
            ps.setLong(2, range[1]);
            ps.setLong(3, start);
            ps.setLong(4, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] s = days.computeIfAbsent(rs.getLong(6), d -> new HashMap<>())
                            .computeIfAbsent(rs.getInt(1), g -> new long[4]);
                    for (int i = 0; i < 4; i++) {
                        s[i] += rs.getLong(2 + i);
                    }
                }
            }
        }
    }

    /**
     * The seq range {lo, hi} of the rows whose time is in [{@code start}, {@code end}) (either null: open), or
     * null when no row can be in it.
     */
    static long[] seqRange(Connection c, Long start, Long end) throws SQLException {
        String sql = "SELECT MIN(lo), MAX(hi) FROM spans WHERE minute >= ? AND minute <= ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, start == null ? Long.MIN_VALUE : Math.floorDiv(start, MINUTE));
            ps.setLong(2, end == null ? Long.MAX_VALUE : Math.floorDiv(end - 1, MINUTE));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long lo = rs.getLong(1);
                return rs.wasNull() ? null : new long[] {lo, rs.getLong(2)};
            }
        }
    }
}
