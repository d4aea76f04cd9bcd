package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code PATCH /gateway-config}. Durations are Go-style strings ({@code 30s}, {@code 2m}); clearing a cap removes it. */
public final class GatewayConfigUpdate extends UpdateBody {
    private GatewayConfigUpdate(ObjectNode fields) {
        super(fields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends UpdateBody.Builder<Builder> {
        private Builder() {
        }

        public Builder totalTimeout(String duration) {
            return set("totalTimeout", duration);
        }

        public Builder perRequestTimeout(String duration) {
            return set("perRequestTimeout", duration);
        }

        public Builder maxInputTokens(long tokens) {
            return set("maxInputTokens", tokens);
        }

        public Builder clearMaxInputTokens() {
            return clear("maxInputTokens");
        }

        public Builder maxOutputTokens(long tokens) {
            return set("maxOutputTokens", tokens);
        }

        public Builder clearMaxOutputTokens() {
            return clear("maxOutputTokens");
        }

        public Builder metadata(String metadata) {
            return set("metadata", metadata);
        }

        public Builder clearMetadata() {
            return clear("metadata");
        }

        public GatewayConfigUpdate build() {
            return new GatewayConfigUpdate(fields);
        }
    }
}
