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

    /**
     * Values by provider-key id (as an embedded gateway's store holds them), named through the snapshot
     * the ids come from.
     */
    static SecretSource byId(Map<String, String> valuesById, GatewaySnapshot source) {
        Map<String, String> byLabel = new java.util.HashMap<>();
        source.providerKeys().forEach(k -> {
            String v = valuesById.get(k.id());
            if (v != null) {
                byLabel.putIfAbsent(k.providerId() + "/" + k.name(), v);
            }
        });
        return of(byLabel);
    }

    /** This source first, then {@code other}. */
    default SecretSource or(SecretSource other) {
        return (provider, name) -> {
            Optional<String> mine = value(provider, name);
            return mine.isPresent() ? mine : other.value(provider, name);
        };
    }
}
