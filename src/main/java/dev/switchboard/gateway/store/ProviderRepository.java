package dev.switchboard.gateway.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.gateway.access.AccessTokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Custom providers. {@code providerId} is unique and never changes once created. */
public final class ProviderRepository {
    public static final String ID_PREFIX = "aigp_";
    public static final String MODEL_ID_PREFIX = "aigpm_";
    public static final String PATH = "/providers";
    private static final String TABLE = "providers";
    private static final TypeReference<List<ApiSurface>> SURFACES = new TypeReference<>() { };
    private static final TypeReference<List<ProviderModel>> MODELS = new TypeReference<>() { };

    private final Db db;

    ProviderRepository(Db db) {
        this.db = db;
    }

    public Optional<Provider> get(String id) {
        return db.one("SELECT * FROM providers WHERE id = ?", ProviderRepository::map, id);
    }

    public Optional<Provider> findByProviderId(String providerId) {
        return db.one("SELECT * FROM providers WHERE provider_id = ?", ProviderRepository::map, providerId);
    }

    public boolean exists(String id) {
        return db.one("SELECT 1 FROM providers WHERE id = ?", rs -> 1, id).isPresent();
    }

    /** Every provider, newest first. */
    public List<Provider> listAll() {
        return db.query("SELECT * FROM providers ORDER BY seq DESC", ProviderRepository::map);
    }

    public Page<Provider> list(int limit, String beforeId) {
        List<Object> args = new ArrayList<>();
        if (beforeId != null) {
            args.add(beforeId);
        }
        args.add(limit + 1);
        List<Provider> rows = db.query("SELECT * FROM providers WHERE 1 = 1" + Rows.beforeClause(TABLE, beforeId)
                + " ORDER BY seq DESC LIMIT ?", ProviderRepository::map, args.toArray());
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, more);
    }

    public int count() {
        return db.one("SELECT COUNT(*) FROM providers", rs -> rs.getInt(1)).orElse(0);
    }

    /** Inserts a new provider; id, uri and timestamps are assigned here. */
    public Provider insert(Provider p) {
        String id = AccessTokens.newId(ID_PREFIX);
        Instant now = Rows.now();
        db.update("INSERT INTO providers (id, provider_id, name, base_url, surfaces, models, description, metadata,"
                        + " created_at, updated_at, created_by, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                id, p.providerId(), p.name(), p.baseUrl(), Rows.json(nonNull(p.supportedApiSurfaces())),
                Rows.json(nonNull(p.models())), null, p.metadata(), Rows.millis(now), Rows.millis(now),
                Rows.json(p.createdBy()), Rows.json(p.createdBy()));
        return get(id).orElseThrow();
    }

    /** Writes every mutable field of {@code p} (matched by id) and stamps updatedAt. */
    public Provider update(Provider p) {
        db.update("UPDATE providers SET name = ?, base_url = ?, surfaces = ?, models = ?, description = ?,"
                        + " metadata = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                p.name(), p.baseUrl(), Rows.json(nonNull(p.supportedApiSurfaces())), Rows.json(nonNull(p.models())),
                null, p.metadata(), Rows.millis(Rows.now()), Rows.json(p.lastUpdatedBy()), p.id());
        return get(p.id()).orElseThrow();
    }

    public boolean delete(String id) {
        return db.update("DELETE FROM providers WHERE id = ?", id) > 0;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Provider map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new Provider(id, PATH + "/" + id, Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"),
                Rows.ref(rs, "created_by"), Rows.ref(rs, "updated_by"),
                rs.getString("metadata"), rs.getString("provider_id"), rs.getString("name"),
                rs.getString("base_url"), List.copyOf(Rows.fromJson(rs.getString("surfaces"), SURFACES)),
                List.copyOf(Rows.fromJson(rs.getString("models"), MODELS)));
    }
}
