package dev.switchboard.gateway.store;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.Ref;
import dev.switchboard.api.Router;
import dev.switchboard.gateway.access.AccessTokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Access key configurations: an allowlist ({@code access}, null = allow all) and a router
 * (null = no rules). Router steps hold provider keys by id only.
 */
public final class AccessKeyConfigurationRepository {
    public static final String ID_PREFIX = "aigac_";
    public static final String PATH = "/access-key-configurations";
    private static final String TABLE = "access_key_configurations";

    private final Db db;

    AccessKeyConfigurationRepository(Db db) {
        this.db = db;
    }

    public Optional<AccessKeyConfiguration> get(String id) {
        return db.one("SELECT * FROM access_key_configurations WHERE id = ?", AccessKeyConfigurationRepository::map,
                id);
    }

    public boolean exists(String id) {
        return db.one("SELECT 1 FROM access_key_configurations WHERE id = ?", rs -> 1, id).isPresent();
    }

    /** Every configuration, newest first. */
    public List<AccessKeyConfiguration> listAll() {
        return db.query("SELECT * FROM access_key_configurations ORDER BY seq DESC",
                AccessKeyConfigurationRepository::map);
    }

    public Page<AccessKeyConfiguration> list(int limit, String beforeId) {
        List<Object> args = new ArrayList<>();
        if (beforeId != null) {
            args.add(beforeId);
        }
        args.add(limit + 1);
        List<AccessKeyConfiguration> rows = db.query("SELECT * FROM access_key_configurations WHERE 1 = 1"
                        + Rows.beforeClause(TABLE, beforeId) + " ORDER BY seq DESC LIMIT ?",
                AccessKeyConfigurationRepository::map, args.toArray());
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, more);
    }

    public AccessKeyConfiguration insert(String name, String description, String metadata, Access access,
                                         Router router, Ref actor) {
        String id = AccessTokens.newId(ID_PREFIX);
        Instant now = Rows.now();
        db.update("INSERT INTO access_key_configurations (id, name, access, router, description, metadata,"
                        + " created_at, updated_at, created_by, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
                id, name, Rows.json(access), Rows.json(router), description, metadata, Rows.millis(now),
                Rows.millis(now), Rows.json(actor), Rows.json(actor));
        return get(id).orElseThrow();
    }

    public AccessKeyConfiguration update(String id, String name, String description, String metadata, Access access,
                                         Router router, Ref actor) {
        db.update("UPDATE access_key_configurations SET name = ?, access = ?, router = ?, description = ?,"
                        + " metadata = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                name, Rows.json(access), Rows.json(router), description, metadata, Rows.millis(Rows.now()),
                Rows.json(actor), id);
        return get(id).orElseThrow();
    }

    public boolean delete(String id) {
        return db.update("DELETE FROM access_key_configurations WHERE id = ?", id) > 0;
    }

    private static AccessKeyConfiguration map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new AccessKeyConfiguration(id, PATH + "/" + id, Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"), Rows.ref(rs, "created_by"), Rows.ref(rs, "updated_by"),
                rs.getString("description"), rs.getString("metadata"), rs.getString("name"),
                Rows.fromJson(rs.getString("access"), Access.class),
                Rows.fromJson(rs.getString("router"), Router.class));
    }
}
