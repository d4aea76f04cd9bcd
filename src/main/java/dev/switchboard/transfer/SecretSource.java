package dev.switchboard.transfer;

import java.util.Map;
import java.util.Optional;

/** Where provider-key values come from when a key has to be created on the target. */
@FunctionalInterface
public interface SecretSource {

    /** The value of the key {@code name} of {@code provider}, if this source knows it. */
    Optional<String> value(String provider, String name);

    static SecretSource none() {
        return (provider, name) -> Optional.empty();
    }

    /** Values by {@code provider/name} (see {@link ProviderKeyEntry#label()}). */
    static SecretSource of(Map<String, String> valuesByLabel) {
        Map<String, String> copy = Map.copyOf(valuesByLabel);
        return (provider, name) -> Optional.ofNullable(copy.get(provider + "/" + name));
    }

    /** This source first, then {@code other}. */
    default SecretSource or(SecretSource other) {
        return (provider, name) -> {
            Optional<String> mine = value(provider, name);
            return mine.isPresent() ? mine : other.value(provider, name);
        };
    }
}
