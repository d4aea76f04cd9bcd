package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /access-key-configurations}. {@code access} null allows everything; router key values
 * (keys created on the way in) are never shown by {@link #toString()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessKeyConfigurationCreate(String name, Access access, Router router, String description,
                                           String metadata) {

    public static AccessKeyConfigurationCreate of(String name, Access access, Router router) {
        return new AccessKeyConfigurationCreate(name, access, router, null, null);
    }

    @Override
    public String toString() {
        return "AccessKeyConfigurationCreate[name=" + name + ", access=" + access + ", router=" + router + "]";
    }
}
