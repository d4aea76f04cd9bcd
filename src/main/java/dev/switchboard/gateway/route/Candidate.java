package dev.switchboard.gateway.route;

import dev.switchboard.api.ModelRef;
import dev.switchboard.gateway.route.GatewayCatalog.ProviderKeySecret;
import dev.switchboard.gateway.route.RoutingTable.ProviderRoute;
import dev.switchboard.gateway.upstream.Surface;

/**
 * One upstream attempt the gateway may make: a model on a provider, on one surface, with one
 * provider key (null when the provider is called without a key).
 */
public record Candidate(ModelRef ref, ProviderRoute provider, ProviderKeySecret key, Surface upstreamSurface) {

    public String providerKeyId() {
        return key == null ? null : key.id();
    }

    @Override
    public String toString() {
        return ref + (key == null ? " (no key)" : " with key " + key.id()) + " on " + upstreamSurface.surfaceName();
    }
}
