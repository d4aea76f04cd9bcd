package dev.switchboard.gateway.route;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.Provider;
import java.util.List;
import java.util.Optional;

/**
 * What the data plane reads from the gateway's store, and the two things it tells it back.
 * Implemented over the SQLite store; the data plane caches what it reads and drops the cache
 * whenever {@link #addChangeListener} fires.
 */
public interface GatewayCatalog {

    /** An access key as the data plane needs it: never the token, only its SHA-256 hex. */
    record AccessKeyGrant(String accessKeyId, String tokenSha256Hex, String configurationId) {
    }

    /** A provider key's secret value, for sending upstream only. */
    record ProviderKeySecret(String id, String providerId, String value) {
        @Override
        public String toString() {
            return "ProviderKeySecret[id=" + id + ", providerId=" + providerId + ", value=<hidden>]";
        }
    }

    Optional<AccessKeyGrant> accessKeyByTokenHash(String tokenSha256Hex);

    Optional<AccessKeyConfiguration> configuration(String configurationId);

    List<Provider> providers();

    /** Every provider key (with its value), for routing; small enough to hold in memory. */
    List<ProviderKeySecret> providerKeys();

    GatewayConfig gatewayConfig();

    /** Called for every authenticated request; the store batches the writes. */
    void accessKeyUsed(String accessKeyId);

    /** Called for every upstream attempt made with a provider key; batched likewise. */
    void providerKeyUsed(String providerKeyId);

    /** {@code listener} runs after any change to providers, keys, configurations or the gateway config. */
    void addChangeListener(Runnable listener);
}
