package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /access-keys}. Without a configuration the key calls no custom provider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessKeyCreate(String name, String accessKeyConfigurationId, String description, String metadata) {

    public static AccessKeyCreate of(String name) {
        return new AccessKeyCreate(name, null, null, null);
    }

    public static AccessKeyCreate of(String name, String accessKeyConfigurationId) {
        return new AccessKeyCreate(name, accessKeyConfigurationId, null, null);
    }
}
