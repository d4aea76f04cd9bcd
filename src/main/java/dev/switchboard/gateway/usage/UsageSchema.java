package dev.switchboard.gateway.usage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The request log's tables, and the migration of a log that earlier versions wrote. Version 3 keeps a row in
 * about a third of version 2's bytes: times and counts as integers, repeated strings (access key, provider,
 * model, surfaces, errors...) as ids into {@code names}, the flags in one integer, the gateway's request ids as
 * 18-byte blobs, event ids derived from time and position instead of stored; and it keeps per-minute spans and
 * rollups per ten minutes, hour and day as rows are written, so that a time range and the overview never scan the log.
 */
final class UsageSchema {
    static final int VERSION = 3;
    static final int FINAL = 1;
    static final int TIMED_OUT = 2;
    static final int ERROR = 4;
    static final int STREAMING = 8;
    static final int STOPPED = 16;

    private static final String[] TABLES = {
        "CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
        // xid: an event id given from outside (rows migrated from version 2); otherwise derived from t and seq
        """
        CREATE TABLE events (
          seq INTEGER PRIMARY KEY, t INTEGER NOT NULL, rq, ak INTEGER, pv INTEGER, md INTEGER, sf INTEGER,
          cs INTEGER, att INTEGER NOT NULL, flags INTEGER NOT NULL, st INTEGER NOT NULL, sr INTEGER, er INTEGER,
          tin INTEGER, tout INTEGER, ks INTEGER, pk INTEGER, lat INTEGER NOT NULL, ttft INTEGER, dp INTEGER,
          xid TEXT)""",
        "CREATE INDEX events_by_key ON events (ak)",
        "CREATE INDEX events_by_provider ON events (pv)",
        // only the rows that are not 2xx: a filter by 4xx or 5xx finds its few rows without a scan
        "CREATE INDEX events_by_class ON events (st / 100) WHERE st / 100 <> 2",
        "CREATE UNIQUE INDEX events_by_xid ON events (xid) WHERE xid IS NOT NULL",
        // per minute: the lowest and highest seq of the rows whose t falls in it (a time range as a seq range)
        "CREATE TABLE spans (minute INTEGER PRIMARY KEY, lo INTEGER NOT NULL, hi INTEGER NOT NULL)",
        // final attempts (att >= 1) per bucket of size 0 ten minutes, 1 hour, 2 day; kind 0 provider, 1 access key
        """
        CREATE TABLE rollups (size INTEGER NOT NULL, kind INTEGER NOT NULL, bucket INTEGER NOT NULL,
          grp INTEGER NOT NULL, requests INTEGER NOT NULL, errors INTEGER NOT NULL, tin INTEGER NOT NULL,
          tout INTEGER NOT NULL, PRIMARY KEY (size, kind, bucket, grp)) WITHOUT ROWID"""
    };

    private UsageSchema() {
    }

    /** Creates the tables or migrates the ones there, in one transaction; the caller has set the pragmas. */
    static void prepare(Connection c, String file) throws SQLException {
        try (Statement st = c.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > VERSION) {
                throw new IllegalStateException("the usage log at " + file + " is at schema version " + version
                        + ", newer than this Switchboard understands (" + VERSION + ")");
            }
            if (version == VERSION) {
                return;
            }
            if (version == 0) {
                st.execute("PRAGMA page_size = 4096"); // only takes on a new, empty file
            }
            // one transaction, so a crash mid-way never leaves a table without its version
            c.setAutoCommit(false);
            try {
                for (String sql : TABLES) {
                    st.execute(sql);
                }
                if (version >= 1) {
                    migrate(st, version);
                }
                st.execute("PRAGMA user_version = " + VERSION);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Copies a version 1 or 2 log's rows into version 3's tables (keeping their ids), then drops the old table. */
    private static void migrate(Statement st, int version) throws SQLException {
        for (String col : new String[] {"access_key_id", "provider", "model", "surface", "client_surface",
                "stop_reason", "error", "key_source", "provider_key_id", "dropped_params"}) {
            st.execute("INSERT OR IGNORE INTO names (name) SELECT DISTINCT " + col + " FROM usage_events WHERE "
                    + col + " IS NOT NULL");
        }
        String stopped = version >= 2 ? "stopped" : "0";
        st.execute("""
                INSERT INTO events (seq, t, rq, ak, pv, md, sf, cs, att, flags, st, sr, er, tin, tout, ks, pk, lat,
                  ttft, dp, xid)
                SELECT seq, event_time, request_id, %s, %s, %s, %s, %s, attempt_number,
                  is_final * 1 + timed_out * 2 + is_error * 4 + is_streaming * 8 + %s * 16, status_code, %s, %s,
                  input_tokens, output_tokens, %s, %s, latency_ms, ttft_ms, %s, id
                FROM usage_events ORDER BY seq""".formatted(name("access_key_id"), name("provider"), name("model"),
                name("surface"), name("client_surface"), stopped, name("stop_reason"), name("error"),
                name("key_source"), name("provider_key_id"), name("dropped_params")));
        st.execute("DROP TABLE usage_events");
        st.execute("INSERT INTO spans (minute, lo, hi) SELECT t / 60000, MIN(seq), MAX(seq) FROM events GROUP BY 1");
        String[] groups = {"pv", "ak"};
        long[] sizes = UsageRollups.SIZES;
        for (int size = 0; size < sizes.length; size++) {
            for (int kind = 0; kind < groups.length; kind++) {
                st.execute("INSERT INTO rollups SELECT " + size + ", " + kind + ", t / " + sizes[size] + ", COALESCE("
                        + groups[kind] + ", 0), COUNT(*), SUM((flags & 4) / 4), SUM(COALESCE(tin, 0)),"
                        + " SUM(COALESCE(tout, 0)) FROM events WHERE flags & 1 = 1 AND att >= 1 GROUP BY 3, 4");
            }
        }
    }

    private static String name(String column) {
        return "(SELECT id FROM names WHERE name = usage_events." + column + ")";
    }
}
