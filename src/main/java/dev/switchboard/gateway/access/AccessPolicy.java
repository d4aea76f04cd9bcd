package dev.switchboard.gateway.access;

import dev.switchboard.api.Access;
import dev.switchboard.api.ModelRef;
import dev.switchboard.gateway.route.DataPlaneError;
import java.util.Set;

/**
 * A configuration's allowlist. A dimension that is null is unrestricted; an empty one allows nothing.
 * {@link #requireAllowed} is the one place the data plane checks a model before it goes upstream.
 */
public final class AccessPolicy {
    private static final AccessPolicy ALLOW_ALL = new AccessPolicy(null, null);
    private static final AccessPolicy DENY_ALL = new AccessPolicy(Set.of(), Set.of());

    private final Set<String> providers;
    private final Set<String> models;

    private AccessPolicy(Set<String> providers, Set<String> models) {
        this.providers = providers;
        this.models = models;
    }

    public static AccessPolicy allowAll() {
        return ALLOW_ALL;
    }

    /** For a key whose configuration has vanished: refuse everything rather than guess. */
    public static AccessPolicy denyAll() {
        return DENY_ALL;
    }

    public static AccessPolicy of(Access access) {
        if (access == null) {
            return ALLOW_ALL;
        }
        Set<String> p = access.providers() == null || access.providers().allow() == null
                ? null : Set.copyOf(access.providers().allow());
        Set<String> m = access.models() == null || access.models().allow() == null
                ? null : Set.copyOf(access.models().allow());
        return new AccessPolicy(p, m);
    }

    public boolean allowsProvider(String providerId) {
        return providers == null || providers.contains(providerId);
    }

    public boolean allows(ModelRef ref) {
        return allowsProvider(ref.provider()) && (models == null || models.contains(ref.toString()));
    }

    /** Returns the upstream's own model id for {@code ref}, or refuses with 422 ERR_NGROK_3803. */
    public String requireAllowed(ModelRef ref) {
        if (!allowsProvider(ref.provider())) {
            throw DataPlaneError.notAllowed("Provider '" + ref.provider()
                    + "' is not allowed by this access key's configuration. Allow it in the configuration's"
                    + " access.providers, or use a key whose configuration does.");
        }
        if (models != null && !models.contains(ref.toString())) {
            throw DataPlaneError.notAllowed("Model '" + ref + "' is not allowed by this access key's configuration."
                    + " Add it to the configuration's access.models, or use a key whose configuration allows it.");
        }
        return ref.model();
    }
}
