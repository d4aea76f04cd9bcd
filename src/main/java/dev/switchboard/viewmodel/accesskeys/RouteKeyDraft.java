package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.StepKey;

/**
 * One provider key in a routing step: an existing key by {@code id}, or a new one typed in
 * ({@code name} + write-only {@code value}) that the gateway creates when the configuration is saved.
 */
public record RouteKeyDraft(String id, String name, String value) {

    public static RouteKeyDraft existing(String id) {
        return new RouteKeyDraft(id, null, null);
    }

    public static RouteKeyDraft newKey(String name, String value) {
        return new RouteKeyDraft(null, name, value);
    }

    public static RouteKeyDraft of(StepKey key) {
        return new RouteKeyDraft(key.id(), key.name(), key.value());
    }

    public boolean isNew() {
        return id == null;
    }

    StepKey toStepKey(boolean redactValue) {
        if (!isNew()) {
            return StepKey.existing(id);
        }
        return StepKey.create(name, redactValue ? redacted(value) : value);
    }

    static String redacted(String value) {
        return value == null ? null : "<write-only, " + value.length() + " characters>";
    }

    @Override
    public String toString() {
        return "RouteKeyDraft[id=" + id + ", name=" + name + (value != null ? ", value=<hidden>" : "") + "]";
    }
}
