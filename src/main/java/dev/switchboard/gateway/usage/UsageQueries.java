package dev.switchboard.gateway.usage;

import dev.switchboard.api.UsageEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pages of {@code GET /usage} and {@code /usage/requests}, newest first: each walks one index backwards from
 * the newest matching row and stops at the page's end. The index is picked here, not left to the planner: the
 * status-class index for 4xx/5xx (few rows), else the access key's, else the provider's, else the log in seq
 * order; a time range becomes a seq range through the per-minute spans, so a range with no rows costs nothing.
 */
final class UsageQueries {
    private static final String COLUMNS = "seq, t, rq, ak, pv, md, sf, cs, att, flags, st, sr, er, tin, tout, ks,"
            + " pk, lat, ttft, dp, xid";
    private final UsageNames names;

    UsageQueries(UsageNames names) {
        this.names = names;
    }

    static int flags(UsageEvent e) {
        return (e.isFinalAttempt() ? UsageSchema.FINAL : 0) | (e.timedOut() ? UsageSchema.TIMED_OUT : 0)
                | (e.isError() ? UsageSchema.ERROR : 0) | (e.isStreaming() ? UsageSchema.STREAMING : 0)
                | (e.stopped() ? UsageSchema.STOPPED : 0);
    }

    UsageLog.Page page(Connection c, UsageLog.UsageQuery q, int limit, Long cursor) throws SQLException {
        UsageLog.Page empty = new UsageLog.Page(List.of(), null);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM events WHERE 1=1");
        List<Object> args = new ArrayList<>();
        Integer cls = q.statusClass();
        boolean byClass = cls != null && cls != 2;
        if (byClass) {
            sql.append(" AND st / 100 = ? AND st / 100 <> 2");
            args.add(cls);
        } else if (cls != null) {
            sql.append(" AND +st >= 200 AND +st < 300");
        }
        if (q.accessKeyId() != null) {
            Integer id = names.find(q.accessKeyId());
            if (id == null) {
                return empty;
            }
            sql.append(byClass ? " AND +ak = ?" : " AND ak = ?");
            args.add(id);
        }
        if (q.provider() != null) {
            Integer id = names.find(q.provider());
            if (id == null) {
                return empty;
            }
            sql.append(byClass || q.accessKeyId() != null ? " AND +pv = ?" : " AND pv = ?");
            args.add(id);
        }
        Long start = q.startTime() == null ? null : q.startTime().toEpochMilli();
        Long end = q.endTime() == null ? null : q.endTime().toEpochMilli();
        if (start != null || end != null) {
            long[] range = UsageRollups.seqRange(c, start, end);
            if (range == null) {
                return empty;
            }
            sql.append(" AND seq BETWEEN ? AND ?");
            args.add(range[0]);
            args.add(cursor == null ? range[1] : Math.min(range[1], cursor - 1));
            if (start != null) {
                sql.append(" AND t >= ?");
                args.add(start);
            }
            if (end != null) {
                sql.append(" AND t < ?");
                args.add(end);
            }
        } else if (cursor != null) {
            sql.append(" AND seq < ?");
            args.add(cursor);
        }
        if (!q.includeRetries()) {
            sql.append(" AND flags & 1 = 1");
        }
        if (q.attemptsOnly()) {
            sql.append(" AND att >= 1");
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(limit + 1);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
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
                    lastSeq = rs.getLong(1);
                    events.add(read(rs));
                }
            }
            return new UsageLog.Page(events, more ? Long.toString(lastSeq) : null);
        }
    }

    private UsageEvent read(ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        long t = rs.getLong(2);
        String xid = rs.getString(21);
        int flags = rs.getInt(10);
        String dropped = name(rs, 20);
        return new UsageEvent(xid != null ? xid : UsageRowCodec.eventId(t, seq), Instant.ofEpochMilli(t),
                UsageRowCodec.unpackRequestId(rs.getObject(3)), name(rs, 4), name(rs, 5), name(rs, 6), name(rs, 7),
                name(rs, 8), rs.getInt(9), (flags & UsageSchema.FINAL) != 0, rs.getInt(11),
                (flags & UsageSchema.TIMED_OUT) != 0, (flags & UsageSchema.ERROR) != 0,
                (flags & UsageSchema.STREAMING) != 0, name(rs, 12), name(rs, 13), getLong(rs, 14), getLong(rs, 15),
                name(rs, 16), name(rs, 17), rs.getLong(18), getLong(rs, 19),
                dropped == null ? List.of() : List.of(dropped.split(",")), (flags & UsageSchema.STOPPED) != 0);
    }

    private String name(ResultSet rs, int col) throws SQLException {
        return names.name(rs.getInt(col));
    }

    private static Long getLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
