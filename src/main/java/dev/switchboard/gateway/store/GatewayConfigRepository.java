package dev.switchboard.gateway.store;

import dev.switchboard.api.GatewayConfig;

/** The gateway-wide limits: one row, created with the defaults. */
public final class GatewayConfigRepository {
    private final Db db;

    GatewayConfigRepository(Db db) {
        this.db = db;
    }

    public GatewayConfig get() {
        return db.one("SELECT total_timeout, per_request_timeout, max_input_tokens, max_output_tokens"
                        + " FROM gateway_config WHERE singleton = 1",
                rs -> new GatewayConfig(rs.getString(1), rs.getString(2), Rows.nullableLong(rs, "max_input_tokens"),
                        Rows.nullableLong(rs, "max_output_tokens")))
                .orElse(GatewayConfig.defaults());
    }

    public GatewayConfig put(GatewayConfig config) {
        db.update("UPDATE gateway_config SET total_timeout = ?, per_request_timeout = ?, max_input_tokens = ?,"
                        + " max_output_tokens = ?, updated_at = ? WHERE singleton = 1",
                config.totalTimeout(), config.perRequestTimeout(), config.maxInputTokens(), config.maxOutputTokens(),
                Rows.millis(Rows.now()));
        return get();
    }
}
