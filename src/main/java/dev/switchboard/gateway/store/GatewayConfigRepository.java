package dev.switchboard.gateway.store;

import dev.switchboard.api.GatewayConfig;

/** The gateway-wide limits: one row, created with the defaults. */
public final class GatewayConfigRepository {
    /** The embedded gateway serves one account: itself. */
    public static final String ACCOUNT_ID = "embedded";
    public static final String PATH = "/gateway-config";
    private final Db db;

    GatewayConfigRepository(Db db) {
        this.db = db;
    }

    public GatewayConfig get() {
        return db.one("SELECT total_timeout, per_request_timeout, max_input_tokens, max_output_tokens, metadata"
                        + " FROM gateway_config WHERE singleton = 1",
                rs -> new GatewayConfig(ACCOUNT_ID, PATH, rs.getString(1), rs.getString(2),
                        Rows.nullableLong(rs, "max_input_tokens"), Rows.nullableLong(rs, "max_output_tokens"),
                        rs.getString("metadata")))
                .orElse(GatewayConfig.defaults());
    }

    public GatewayConfig put(GatewayConfig config) {
        db.update("UPDATE gateway_config SET total_timeout = ?, per_request_timeout = ?, max_input_tokens = ?,"
                        + " max_output_tokens = ?, metadata = ?, updated_at = ? WHERE singleton = 1",
                config.totalTimeout(), config.perRequestTimeout(), config.maxInputTokens(), config.maxOutputTokens(),
                config.metadata(), Rows.millis(Rows.now()));
        return get();
    }
}
