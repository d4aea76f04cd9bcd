package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /provider-keys/{id}/rotate}: a new value (and optionally a new name). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderKeyRotate(String name, String value) {

    public static ProviderKeyRotate of(String value) {
        return new ProviderKeyRotate(null, value);
    }

    @Override
    public String toString() {
        return "ProviderKeyRotate[name=" + name + ", value=<hidden>]";
    }
}
