package dev.switchboard.gateway.store;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.Ref;
import dev.switchboard.gateway.access.AccessTokens;
import dev.switchboard.logging.Redaction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Access keys. Only the token's SHA-256 is stored; records never carry the token. */
public final class AccessKeyRepository {
    public static final String ID_PREFIX = "aigk_";
    public static final String PATH = "/access-keys";
    private static final String TABLE = "access_keys";
    private static final String SELECT = "SELECT k.id, k.name, k.key_redacted, k.configuration_id, c.name AS"
            + " configuration_name, k.last_used, k.description, k.metadata, k.created_at, k.updated_at,"
            + " k.created_by, k.updated_by FROM access_keys k"
            + " LEFT JOIN access_key_configurations c ON c.id = k.configuration_id";

    private final Db db;

    AccessKeyRepository(Db db) {
        this.db = db;
    }

    public Optional<AccessKey> get(String id) {
        return db.one(SELECT + " WHERE k.id = ?", AccessKeyRepository::map, id);
    }

    public boolean exists(String id) {
        return db.one("SELECT 1 FROM access_keys WHERE id = ?", rs -> 1, id).isPresent();
    }

    /** The data plane's lookup: the key a token hash (see {@link AccessTokens#hash}) belongs to. */
    public Optional<AccessKeyGrant> findByTokenHash(String tokenHash) {
        return db.one("SELECT id, configuration_id FROM access_keys WHERE token_hash = ?",
                rs -> new AccessKeyGrant(rs.getString(1), rs.getString(2)), tokenHash);
    }

    /** Keys using a configuration, newest first. */
    public List<AccessKey> listByConfiguration(String configurationId) {
        return db.query(SELECT + " WHERE k.configuration_id = ? ORDER BY k.seq DESC", AccessKeyRepository::map,
                configurationId);
    }

    public Page<AccessKey> list(int limit, String beforeId) {
        List<Object> args = new ArrayList<>();
        String before = "";
        if (beforeId != null) {
            before = " AND k.seq < (SELECT seq FROM " + TABLE + " WHERE id = ?)";
            args.add(beforeId);
        }
        args.add(limit + 1);
        List<AccessKey> rows = db.query(SELECT + " WHERE 1 = 1" + before + " ORDER BY k.seq DESC LIMIT ?",
                AccessKeyRepository::map, args.toArray());
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, more);
    }

    /**
     * Stores a new key for {@code token} (kept only as its hash) and returns the record; the
     * caller adds the token to the one response that carries it.
     */
    public AccessKey insert(String name, String description, String metadata, String configurationId, String token,
                            Ref actor) {
        Redaction.remember(token);
        String id = AccessTokens.newId(ID_PREFIX);
        Instant now = Rows.now();
        db.update("INSERT INTO access_keys (id, name, token_hash, key_redacted, configuration_id, description,"
                        + " metadata, created_at, updated_at, created_by, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                id, name, AccessTokens.hash(token), AccessTokens.redact(token), configurationId, description,
                metadata, Rows.millis(now), Rows.millis(now), Rows.json(actor), Rows.json(actor));
        return get(id).orElseThrow();
    }

    /** Writes name, description, metadata and the configuration of {@code k} (matched by id). */
    public AccessKey update(String id, String name, String description, String metadata, String configurationId,
                            Ref actor) {
        db.update("UPDATE access_keys SET name = ?, description = ?, metadata = ?, configuration_id = ?,"
                        + " updated_at = ?, updated_by = ? WHERE id = ?",
                name, description, metadata, configurationId, Rows.millis(Rows.now()), Rows.json(actor), id);
        return get(id).orElseThrow();
    }

    public boolean delete(String id) {
        return db.update("DELETE FROM access_keys WHERE id = ?", id) > 0;
    }

    int markUsed(String id, Instant when) {
        return db.update("UPDATE access_keys SET last_used = ? WHERE id = ? AND (last_used IS NULL OR last_used < ?)",
                Rows.millis(when), id, Rows.millis(when));
    }

    private static AccessKey map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String configId = rs.getString("configuration_id");
        Ref config = configId == null ? null
                : new Ref(configId, AccessKeyConfigurationRepository.PATH + "/" + configId,
                        rs.getString("configuration_name"));
        return new AccessKey(id, PATH + "/" + id, Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"),
                Rows.ref(rs, "created_by"), Rows.ref(rs, "updated_by"), rs.getString("description"),
                rs.getString("metadata"), rs.getString("name"), null, rs.getString("key_redacted"),
                Rows.instant(rs, "last_used"), config);
    }
}
