package dev.switchboard.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.api.Json;
import dev.switchboard.api.Ref;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Column conversions shared by the repositories. */
public final class Rows {
    /** Who made what a schema migration made. */
    static final Ref SYSTEM = actor("switchboard_upgrade");

    private Rows() {
    }

    /** The Ref of whoever calls the control plane: the admin key (an API key, in the schema's terms). */
    public static Ref actor(String id) {
        return Ref.of(id, "/api-keys/" + id);
    }

    /** Now, to the millisecond: what every timestamp is stored and returned as. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("could not encode " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T fromJson(String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("could not decode stored " + type.getSimpleName(), e);
        }
    }

    static <T> T fromJson(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("could not decode stored column", e);
        }
    }

    /** Exactly {@code {id, uri}}: rows written before that was so carried a name and no uri. */
    static Ref ref(ResultSet rs, String column) throws SQLException {
        Ref stored = fromJson(rs.getString(column), Ref.class);
        if (stored == null || stored.id() == null) {
            return SYSTEM;
        }
        return stored.uri() == null || stored.name() != null ? actor(stored.id()) : stored;
    }

    /** {@code seq < seq(beforeId)} when paging; an unknown beforeId yields an empty page. */
    static String beforeClause(String table, String beforeId) {
        return beforeId == null ? "" : " AND seq < (SELECT seq FROM " + table + " WHERE id = ?)";
    }
}
