package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A provider key inside a router step. Written as {@code {"id": "aigpk_..."}} for an existing
 * key, or {@code {"name", "value"}} for one to create on the way in (value is write-only);
 * read back as {@code {"id", "name", "keyRedacted"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepKey(String id, String name, String value, String keyRedacted) {
    public static StepKey existing(String id) {
        return new StepKey(id, null, null, null);
    }

    public static StepKey create(String name, String value) {
        return new StepKey(null, name, value, null);
    }

    /** How the gateway reads a stored key back. */
    public static StepKey read(String id, String name, String keyRedacted) {
        return new StepKey(id, name, null, keyRedacted);
    }

    @Override
    public String toString() {
        return "StepKey[id=" + id + ", name=" + name + ", keyRedacted=" + keyRedacted + (value != null ? ", value=<hidden>" : "") + "]";
    }
}
