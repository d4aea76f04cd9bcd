package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code PATCH /access-key-configurations/{id}}. {@code clearAccess()} makes the configuration
 * allow everything; {@code clearRouter()} removes all routing rules.
 */
public final class AccessKeyConfigurationUpdate extends UpdateBody {
    private AccessKeyConfigurationUpdate(ObjectNode fields) {
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

        public Builder access(Access access) {
            return set("access", access);
        }

        public Builder clearAccess() {
            return clear("access");
        }

        public Builder router(Router router) {
            return set("router", router);
        }

        public Builder clearRouter() {
            return clear("router");
        }

        public AccessKeyConfigurationUpdate build() {
            return new AccessKeyConfigurationUpdate(fields);
        }
    }
}
