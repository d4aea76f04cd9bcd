package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /provider-keys}. The value is write-only and never shown by {@link #toString()}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderKeyCreate(String providerId, String name, String value, String description, String metadata) {

    public static ProviderKeyCreate of(String providerId, String name, String value) {
        return new ProviderKeyCreate(providerId, name, value, null, null);
    }

    @Override
    public String toString() {
        return "ProviderKeyCreate[providerId=" + providerId + ", name=" + name + ", value=<hidden>]";
    }
}
