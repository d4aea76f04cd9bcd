package dev.switchboard.gateway.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request log's dictionary: each repeated string (access key id, provider, model, surface, error text...)
 * stored once in {@code names}, and a row holds its id. All of it is cached: a gateway sees few distinct ones.
 */
final class UsageNames {
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, String> names = new ConcurrentHashMap<>();

    UsageNames(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name FROM names")) {
            while (rs.next()) {
                put(rs.getInt(1), rs.getString(2));
            }
        }
    }

    private void put(int id, String name) {
        ids.put(name, id);
        names.put(id, name);
    }

    /** The id of {@code name}, or null when it has none (no row can hold it) or it is null. */
    Integer find(String name) {
        return name == null ? null : ids.get(name);
    }

    String name(int id) {
        return id == 0 ? null : names.get(id);
    }

    /** Gives every name not yet known an id, committed at once (a failed batch after it leaves only unused names). */
    void define(Connection c, Collection<String> candidates) throws SQLException {
        boolean any = false;
        for (String n : candidates) {
            if (n != null && !ids.containsKey(n)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO names (name) VALUES (?)");
             PreparedStatement select = c.prepareStatement("SELECT id FROM names WHERE name = ?")) {
            for (String n : candidates) {
                if (n == null || ids.containsKey(n)) {
                    continue;
                }
                insert.setString(1, n);
                insert.executeUpdate();
                select.setString(1, n);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    put(rs.getInt(1), n);
                }
            }
        }
    }
}
