package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A provider key inside a router step: either {@code {"id": "aigpk_..."}} for an existing
 * key, or {@code {"name", "value"}} for one to create on the way in. Value is write-only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepKey(String id, String name, String value) {
    public static StepKey existing(String id) {
        return new StepKey(id, null, null);
    }

    public static StepKey create(String name, String value) {
        return new StepKey(null, name, value);
    }

    @Override
    public String toString() {
        return "StepKey[id=" + id + ", name=" + name + (value != null ? ", value=<hidden>" : "") + "]";
    }
}
