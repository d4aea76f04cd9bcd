package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code PATCH /access-keys/{id}}. {@link Builder#clearAccessKeyConfiguration()} detaches the
 * configuration: the key then calls no custom provider.
 */
public final class AccessKeyUpdate extends UpdateBody {
    private AccessKeyUpdate(ObjectNode fields) {
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

        public Builder accessKeyConfigurationId(String configurationId) {
            return set("accessKeyConfigurationId", configurationId);
        }

        public Builder clearAccessKeyConfiguration() {
            return clear("accessKeyConfigurationId");
        }

        public AccessKeyUpdate build() {
            return new AccessKeyUpdate(fields);
        }
    }
}
