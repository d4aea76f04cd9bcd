package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.AccessKeyConfiguration;

/** A configuration in the list, with how many keys use it. */
public record ConfigurationRow(AccessKeyConfiguration configuration, int keyCount) {
    public String label() {
        return configuration.name() + "  ·  " + (keyCount == 1 ? "1 key" : keyCount + " keys");
    }

    public String id() {
        return configuration.id();
    }
}
