package dev.switchboard.gateway.store;

import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.Ref;
import dev.switchboard.gateway.access.AccessTokens;
import dev.switchboard.logging.Redaction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Provider keys. The value is write-only to the API: records carry {@code keyRedacted};
 * only {@link #secretValue} (for the data plane's upstream call) reads the value back.
 */
public final class ProviderKeyRepository {
    public static final String ID_PREFIX = "aigpk_";
    public static final String PATH = "/provider-keys";
    private static final String TABLE = "provider_keys";
    private static final String COLUMNS = "id, provider_id, name, key_redacted, last_used, description, metadata,"
            + " created_at, updated_at, created_by, updated_by";

    private final Db db;

    ProviderKeyRepository(Db db) {
        this.db = db;
    }

    public Optional<ProviderKey> get(String id) {
        return db.one("SELECT " + COLUMNS + " FROM provider_keys WHERE id = ?", ProviderKeyRepository::map, id);
    }

    public boolean exists(String id) {
        return db.one("SELECT 1 FROM provider_keys WHERE id = ?", rs -> 1, id).isPresent();
    }

    /** The secret value, for the data plane's upstream call only. Never return it through the API. */
    public Optional<String> secretValue(String id) {
        return db.one("SELECT value FROM provider_keys WHERE id = ?", rs -> rs.getString(1), id);
    }

    /** Every key with its value, for the data plane's routing table (held in memory, never returned by the API). */
    public List<ProviderKeyValue> allValues() {
        return db.query("SELECT id, provider_id, value FROM provider_keys ORDER BY seq DESC", rs -> {
            String value = rs.getString(3);
            Redaction.remember(value);
            return new ProviderKeyValue(rs.getString(1), rs.getString(2), value);
        });
    }

    /** Keys of one provider, newest first. */
    public List<ProviderKey> listForProvider(String providerId) {
        return db.query("SELECT " + COLUMNS + " FROM provider_keys WHERE provider_id = ? ORDER BY seq DESC",
                ProviderKeyRepository::map, providerId);
    }

    /** A page, newest first; {@code providerId} non-null keeps only that provider's keys. */
    public Page<ProviderKey> list(int limit, String beforeId, String providerId) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM provider_keys WHERE 1 = 1");
        if (providerId != null) {
            sql.append(" AND provider_id = ?");
            args.add(providerId);
        }
        if (beforeId != null) {
            sql.append(Rows.beforeClause(TABLE, beforeId));
            args.add(beforeId);
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(limit + 1);
        List<ProviderKey> rows = db.query(sql.toString(), ProviderKeyRepository::map, args.toArray());
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, more);
    }

    /** Stores a new key for {@code providerId}; the value is kept, only its redacted form is returned. */
    public ProviderKey insert(String providerId, String name, String description, String metadata, String value,
                              Ref actor) {
        Redaction.remember(value);
        String id = AccessTokens.newId(ID_PREFIX);
        Instant now = Rows.now();
        db.update("INSERT INTO provider_keys (id, provider_id, name, value, key_redacted, description, metadata,"
                        + " created_at, updated_at, created_by, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                id, providerId, name, value, AccessTokens.redact(value), description, metadata, Rows.millis(now),
                Rows.millis(now), Rows.json(actor), Rows.json(actor));
        return get(id).orElseThrow();
    }

    /** Writes name, description and metadata of {@code k} (matched by id). */
    public ProviderKey update(ProviderKey k) {
        db.update("UPDATE provider_keys SET name = ?, description = ?, metadata = ?, updated_at = ?, updated_by = ?"
                        + " WHERE id = ?",
                k.name(), k.description(), k.metadata(), Rows.millis(Rows.now()), Rows.json(k.lastUpdatedBy()),
                k.id());
        return get(k.id()).orElseThrow();
    }

    /** Replaces the value (and the name, when given). */
    public ProviderKey rotate(String id, String newName, String newValue, Ref actor) {
        Redaction.remember(newValue);
        if (newName != null) {
            db.update("UPDATE provider_keys SET name = ? WHERE id = ?", newName, id);
        }
        db.update("UPDATE provider_keys SET value = ?, key_redacted = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                newValue, AccessTokens.redact(newValue), Rows.millis(Rows.now()), Rows.json(actor), id);
        db.secretRemoved();
        return get(id).orElseThrow();
    }

    public boolean delete(String id) {
        db.secretRemoved();
        return db.update("DELETE FROM provider_keys WHERE id = ?", id) > 0;
    }

    int markUsed(String id, Instant when) {
        return db.update("UPDATE provider_keys SET last_used = ? WHERE id = ? AND (last_used IS NULL OR last_used < ?)",
                Rows.millis(when), id, Rows.millis(when));
    }

    /** A key stored without a name reads back named by its redacted value: the API requires a name. */
    private static ProviderKey map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String name = rs.getString("name");
        String redacted = rs.getString("key_redacted");
        return new ProviderKey(id, PATH + "/" + id, Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"),
                Rows.ref(rs, "created_by"), Rows.ref(rs, "updated_by"), rs.getString("description"),
                rs.getString("metadata"), rs.getString("provider_id"), name == null ? redacted : name,
                redacted, Rows.instant(rs, "last_used"));
    }
}
