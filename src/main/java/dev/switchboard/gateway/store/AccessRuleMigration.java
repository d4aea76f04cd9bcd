package dev.switchboard.gateway.store;

import dev.switchboard.api.Access;
import dev.switchboard.api.AllowList;
import dev.switchboard.gateway.access.AccessTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 2: a key with no configuration can no longer call any custom provider, so every key
 * that had none gets its own explicit configuration allowing the providers that existed at upgrade
 * time (what it could call before). Runs inside the migration's transaction.
 */
final class AccessRuleMigration {
    static final String SUFFIX = " (all providers at upgrade)";
    private static final Logger LOG = LoggerFactory.getLogger(AccessRuleMigration.class);

    private AccessRuleMigration() {
    }

    static void apply(Connection c) throws SQLException {
        List<String> providers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT provider_id FROM providers ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                providers.add(rs.getString(1));
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name FROM access_keys WHERE configuration_id IS NULL ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getString(2));
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        String access = Rows.json(new Access(new AllowList(List.copyOf(providers)), null));
        String actor = Rows.json(Rows.SYSTEM);
        long now = Rows.now().toEpochMilli();
        try (PreparedStatement config = c.prepareStatement("INSERT INTO access_key_configurations (id, name, access,"
                + " router, description, metadata, created_at, updated_at, created_by, updated_by)"
                + " VALUES (?,?,?,NULL,?,NULL,?,?,?,?)");
             PreparedStatement key = c.prepareStatement(
                     "UPDATE access_keys SET configuration_id = ? WHERE id = ?")) {
            for (Map.Entry<String, String> k : keys.entrySet()) {
                String id = AccessTokens.newId(AccessKeyConfigurationRepository.ID_PREFIX);
                config.setString(1, id);
                config.setString(2, name(k.getValue(), k.getKey()));
                config.setString(3, access);
                config.setString(4, "Made on upgrade: a key with no configuration can no longer call any custom"
                        + " provider, so this keeps the providers it could call before.");
                config.setLong(5, now);
                config.setLong(6, now);
                config.setString(7, actor);
                config.setString(8, actor);
                config.executeUpdate();
                key.setString(1, id);
                key.setString(2, k.getKey());
                key.executeUpdate();
            }
        }
        LOG.info("Upgrade: {} access key(s) had no configuration; a key with no configuration can no longer call"
                + " any custom provider, so each got one named \"<key name>{}\" allowing the {} provider(s) that"
                + " existed: {}", keys.size(), SUFFIX, providers.size(), providers);
    }

    /** "<key name> (all providers at upgrade)", within the 255 characters a name may have. */
    static String name(String keyName, String keyId) {
        String base = keyName == null || keyName.isBlank() ? keyId : keyName;
        int room = 255 - SUFFIX.length();
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        return base + SUFFIX;
    }
}
