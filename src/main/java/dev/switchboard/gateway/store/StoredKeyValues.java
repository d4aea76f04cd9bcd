package dev.switchboard.gateway.store;

import dev.switchboard.logging.Redaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * The provider-key values in a data folder's database, read over a read-only connection, so they can
 * be copied straight to another gateway (the API never returns them) whether or not a gateway is
 * running on that folder. Each value is remembered for log redaction as it is read.
 */
public final class StoredKeyValues {
    private StoredKeyValues() {
    }

    /** Values by provider-key id ({@code aigpk_...}); empty when the folder has no database yet. */
    public static Map<String, String> read(Path dataDir) {
        Path file = dataDir.resolve(Store.FILE_NAME);
        if (!Files.exists(file)) {
            return Map.of();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        Map<String, String> values = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, value FROM provider_keys")) {
            while (rs.next()) {
                String value = rs.getString(2);
                Redaction.remember(value);
                values.put(rs.getString(1), value);
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the provider keys in " + file, e);
        }
        return values;
    }
}
