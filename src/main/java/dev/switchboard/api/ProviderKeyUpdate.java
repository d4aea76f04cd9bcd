package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code PATCH /provider-keys/{id}}: name, description and metadata only (a new value goes through rotate). */
public final class ProviderKeyUpdate extends UpdateBody {
    private ProviderKeyUpdate(ObjectNode fields) {
        super(fields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends UpdateBody.ResourceBuilder<Builder> {
        private Builder() {
        }

        public Builder name(String name) {
            return set("name", name);
        }

        public ProviderKeyUpdate build() {
            return new ProviderKeyUpdate(fields);
        }
    }
}
